import type { Route, RouteWhen } from '@heed/shared';
import { describeWhen } from '../route-types.ts';
import { withCondition, type OwnerDraft, type RoutingView } from '../routing-form.ts';

export interface RuleEditorProps {
  rule: Route;
  index: number;
  count: number;
  owners: OwnerDraft[];
  view: Pick<RoutingView, 'surveys' | 'choices' | 'feedbackTypes'>;
  onChange: (rule: Route) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

type Field = keyof RouteWhen;

/** One rule, folded to its words; unfolded, each condition (empty: any) and the owner it routes to. */
export function RuleEditor({ rule, index, count, owners, view, onChange, onMove, onRemove }: RuleEditorProps) {
  const id = (field: string) => `rule-${index}-${field}`;
  const ownerName = owners.find((owner) => owner.id === rule.owner)?.name ?? rule.owner;
  const setWhen = (field: Field, value: string) => onChange({ ...rule, when: withCondition(rule.when, field, value) });
  const text = (field: Field, label: string, hint?: string) => (
    <label>
      <span>{label}</span>
      <input
        id={id(field)}
        value={field === 'keywordsAny' ? (rule.when.keywordsAny ?? []).join(', ') : String(rule.when[field] ?? '')}
        {...(hint && { placeholder: hint })}
        onChange={(e) => setWhen(field, e.currentTarget.value)}
      />
    </label>
  );
  const choice = (field: Field, label: string, options: readonly { value: string; label: string }[]) => (
    <label>
      <span>{label}</span>
      <select id={id(field)} value={String(rule.when[field] ?? '')} onChange={(e) => setWhen(field, e.currentTarget.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return (
    <li>
      <details>
        <summary>
          Rule {index + 1}: {describeWhen(rule.when)} → <strong>{ownerName}</strong>
        </summary>
        <fieldset class="rule-fields">
          <legend>Rule {index + 1}: when an answer or item matches every condition set</legend>
          {choice('surveyId', 'Survey', view.surveys.map((survey) => ({ value: survey.id, label: `${survey.id} (${survey.kind})` })))}
          {text('productArea', 'Product area')}
          {choice('kind', 'Survey kind', plain(view.choices.kinds))}
          {choice('plan', 'Plan', plain(view.choices.plans))}
          {choice('category', 'NPS category', plain(view.choices.categories))}
          {text('keywordsAny', 'Any of these words in the comment', 'slow, crash')}
          {choice('source', 'Source', plain(view.choices.sources))}
          {choice('feedbackType', 'Feedback type', view.feedbackTypes.map((type) => ({ value: type.id, label: type.label })))}
          {text('region', 'Region')}
          <label>
            <span>Goes to</span>
            <select id={id('owner')} value={rule.owner} onChange={(e) => onChange({ ...rule, owner: e.currentTarget.value })}>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.name}
                </option>
              ))}
            </select>
          </label>
          <div class="actions">
            <button type="button" class="quiet" disabled={index === 0} onClick={() => onMove(-1)}>
              Move rule {index + 1} up
            </button>
            <button type="button" class="quiet" disabled={index === count - 1} onClick={() => onMove(1)}>
              Move rule {index + 1} down
            </button>
            <button type="button" class="quiet" onClick={onRemove}>
              Remove rule {index + 1}
            </button>
          </div>
        </fieldset>
      </details>
    </li>
  );
}
