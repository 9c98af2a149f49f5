export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceSelectProps {
  label: string;
  value: string;
  choices: Choice[];
  onChange: (value: string) => void;
  /** The label of the empty value, which means no filter. */
  anyLabel?: string;
}

/** A labelled filter select; a value from the URL that is not among the choices is kept as one. */
export function ChoiceSelect({ label, value, choices, onChange, anyLabel = 'all' }: ChoiceSelectProps) {
  const all = value === '' || choices.some((choice) => choice.value === value) ? choices : [...choices, { value, label: value }];
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{anyLabel}</option>
        {all.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const PLAN_CHOICES: Choice[] = [
  { value: 'saas', label: 'SaaS' },
  { value: 'self-managed', label: 'self-managed' },
];
