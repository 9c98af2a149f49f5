export interface OwnerInputProps {
  value: string;
  /** The owner ids to suggest. */
  owners: string[];
  onChange: (owner: string) => void;
}

/** The owner of an entry as an owner id, typed freely with the known ids suggested. */
export function OwnerInput({ value, owners, onChange }: OwnerInputProps) {
  return (
    <>
      <label>
        <span>Owner</span>
        <input value={value} list="triage-owners" onInput={(e) => onChange(e.currentTarget.value)} />
      </label>
      <datalist id="triage-owners">
        {owners.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
    </>
  );
}
