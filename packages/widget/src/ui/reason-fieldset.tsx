import type { Reason } from '@heed/shared';

export interface ReasonFieldsetProps {
  legend: string;
  reasons: Reason[];
  /** Checkboxes (any number) or radios (exactly one, required). */
  multiple: boolean;
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Shown above the choices, announced with the group, and marks the choices invalid. */
  error?: string;
  legendId?: string;
}

const ERROR_ID = 'heed-reason-error';

/** The reasons of a cancel or uninstall survey as one labelled group of native radios or checkboxes. */
export function ReasonFieldset({ legend, reasons, multiple, selected, onChange, error, legendId = 'heed-title' }: ReasonFieldsetProps) {
  function toggle(id: string, checked: boolean) {
    if (!multiple) onChange([id]);
    else onChange(checked ? [...selected, id] : selected.filter((other) => other !== id));
  }

  return (
    <fieldset aria-describedby={error ? ERROR_ID : undefined}>
      <legend id={legendId}>{legend}</legend>
      {error && (
        <p id={ERROR_ID} class="error">
          {error}
        </p>
      )}
      {reasons.map((reason, index) => (
        <label class="choice" key={reason.id}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name="reason"
            value={reason.id}
            checked={selected.includes(reason.id)}
            required={!multiple}
            aria-invalid={error ? 'true' : undefined}
            data-focus={index === 0 || undefined}
            onChange={(event) => toggle(reason.id, event.currentTarget.checked)}
          />
          <span>{reason.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
