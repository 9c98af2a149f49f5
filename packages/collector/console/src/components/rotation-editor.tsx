import type { Rotation } from '@heed/shared';
import type { OwnerDraft } from '../routing-form.ts';

export interface RotationEditorProps {
  rotation: Rotation | null;
  owners: OwnerDraft[];
  /** Today, as YYYY-MM-DD: where a rotation turned on here starts. */
  today: string;
  /** Where the rotation in use comes from, in words. */
  source: string;
  onChange: (rotation: Rotation | null) => void;
}

/** The weekly rotation: who is on duty in turn for what no rule matches, from which week. */
export function RotationEditor({ rotation, owners, today, source, onChange }: RotationEditorProps) {
  const on = rotation !== null;
  const chosen = new Set(rotation?.owners ?? []);
  const toggle = (id: string, checked: boolean) => {
    if (!rotation) return;
    const next = owners.map((owner) => owner.id).filter((owner) => (owner === id ? checked : chosen.has(owner)));
    onChange({ ...rotation, owners: next });
  };
  return (
    <fieldset class="rule-fields">
      <legend>
        Rotation <span class="hint">({source})</span>
      </legend>
      <label class="check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => onChange(e.currentTarget.checked ? { owners: owners.slice(0, 1).map((owner) => owner.id), every: 'week', startsOn: today } : null)}
        />
        <span>A weekly rotation takes what no rule matches</span>
      </label>
      {rotation && (
        <>
          <label>
            <span>First week starts on</span>
            <input type="date" value={rotation.startsOn} required onChange={(e) => onChange({ ...rotation, startsOn: e.currentTarget.value })} />
          </label>
          <fieldset>
            <legend>On duty in turn, in this order</legend>
            {owners.map((owner) => (
              <label class="check" key={owner.id}>
                <input type="checkbox" checked={chosen.has(owner.id)} onChange={(e) => toggle(owner.id, e.currentTarget.checked)} />
                <span>{owner.name}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </fieldset>
  );
}
