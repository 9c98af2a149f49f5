export type PlanFilter = '' | 'saas' | 'self-managed';

export interface PlanSelectProps {
  value: PlanFilter;
  onChange: (plan: PlanFilter) => void;
}

/** The plan filter both dashboards offer: all plans, SaaS or self-managed. */
export function PlanSelect({ value, onChange }: PlanSelectProps) {
  return (
    <label>
      Plan
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as PlanFilter)}>
        <option value="">all</option>
        <option value="saas">SaaS</option>
        <option value="self-managed">self-managed</option>
      </select>
    </label>
  );
}
