import type { CatalogView } from '../item-types.ts';

export interface OwnerSelectProps {
  value: string;
  owners: CatalogView['owners'];
  onChange: (owner: string) => void;
}

/** The owner of an entry, chosen among the known owners by name; an unrouted entry or an owner no longer known is kept as a choice. */
export function OwnerSelect({ value, owners, onChange }: OwnerSelectProps) {
  return (
    <label>
      <span>Owner</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {value === '' && <option value="">unrouted</option>}
        {!owners.some((known) => known.id === value) && value !== '' && <option value={value}>{value}</option>}
        {owners.map((known) => (
          <option key={known.id} value={known.id}>
            {known.name}
          </option>
        ))}
      </select>
    </label>
  );
}
