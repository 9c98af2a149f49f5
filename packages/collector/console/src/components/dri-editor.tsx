import type { FeedbackType } from '@heed/shared';
import type { OwnerDraft } from '../routing-form.ts';

export interface DriEditorProps {
  feedbackTypes: FeedbackType[];
  owners: OwnerDraft[];
  onChange: (feedbackTypes: FeedbackType[]) => void;
}

/** Each feedback type's primary DRI (who gets what no rule matched) and secondary (who it escalates to). */
export function DriEditor({ feedbackTypes, owners, onChange }: DriEditorProps) {
  const set = (index: number, field: 'primaryOwner' | 'secondaryOwner', value: string) =>
    onChange(
      feedbackTypes.map((type, at) => {
        if (at !== index) return type;
        const { [field]: _removed, ...rest } = type;
        return value === '' ? rest : { ...rest, [field]: value };
      }),
    );
  const select = (type: FeedbackType, index: number, field: 'primaryOwner' | 'secondaryOwner', label: string) => (
    <select aria-label={`${label} of ${type.label}`} value={type[field] ?? ''} onChange={(e) => set(index, field, e.currentTarget.value)}>
      <option value="">Nobody</option>
      {owners.map((owner) => (
        <option key={owner.id} value={owner.id}>
          {owner.name}
        </option>
      ))}
    </select>
  );
  return (
    <div class="scroll">
      <table>
        <caption>Feedback types and their DRIs</caption>
        <thead>
          <tr>
            <th scope="col">Feedback type</th>
            <th scope="col">Primary</th>
            <th scope="col">Secondary</th>
          </tr>
        </thead>
        <tbody>
          {feedbackTypes.map((type, index) => (
            <tr key={type.id}>
              <th scope="row">{type.label}</th>
              <td>{select(type, index, 'primaryOwner', 'Primary')}</td>
              <td>{select(type, index, 'secondaryOwner', 'Secondary')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
