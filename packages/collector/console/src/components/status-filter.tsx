import { ChoiceSelect } from './choice-select.tsx';
import { TRIAGE_STATUSES } from './triage-item.tsx';

export interface StatusFilterProps {
  /** A triage status, or '' for all. */
  value: string;
  onChange: (status: string) => void;
}

/** The triage status filter: all, or one status. */
export function StatusFilter({ value, onChange }: StatusFilterProps) {
  return <ChoiceSelect label="Status" value={value} choices={TRIAGE_STATUSES.map((status) => ({ value: status, label: status }))} onChange={onChange} />;
}
