import { useState } from 'preact/hooks';
import { ChoiceSelect } from './choice-select.tsx';

export interface OwnerFilterProps {
  value: string;
  onChange: (owner: string) => void;
  /** The known owner ids. */
  owners: string[];
  myOwner: string | null;
  saveMyOwner: (owner: string | null) => void;
}

/** The owner filter: anyone, "mine" (the owner id this browser remembers), or a known owner; asks for "my" id the first time. */
export function OwnerFilter({ value, onChange, owners, myOwner, saveMyOwner }: OwnerFilterProps) {
  const [draft, setDraft] = useState(myOwner ?? '');
  const choices = [{ value: 'mine', label: myOwner ? `mine (${myOwner})` : 'mine' }, ...owners.map((owner) => ({ value: owner, label: owner }))];
  return (
    <>
      <ChoiceSelect label="Owner" value={value} anyLabel="anyone" choices={choices} onChange={onChange} />
      {value === 'mine' && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            saveMyOwner(draft.trim() || null);
          }}
        >
          <label>
            <span>My owner id</span>
            <input value={draft} list="owner-ids" pattern="[a-z0-9][a-z0-9\-]{0,63}" size={12} onInput={(e) => setDraft(e.currentTarget.value)} />
          </label>
          <datalist id="owner-ids">
            {owners.map((owner) => (
              <option key={owner} value={owner} />
            ))}
          </datalist>
          <button type="submit" class="quiet">
            Remember
          </button>
        </form>
      )}
    </>
  );
}

/** The owner filter's value as an admin API query: "mine" is this browser's owner id (none yet: anyone). */
export function ownerQuery(value: string | null, myOwner: string | null): string | undefined {
  if (value === 'mine') return myOwner ?? undefined;
  return value ?? undefined;
}
