export interface CommentFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  id?: string;
}

/** A labelled free-text answer, capped at the collector's 5000 characters. */
export function CommentField({ label, value, onInput, id = 'heed-comment' }: CommentFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} rows={3} maxLength={5000} value={value} onInput={(event) => onInput(event.currentTarget.value)} />
    </div>
  );
}
