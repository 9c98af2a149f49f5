export interface ErrorNoteProps {
  error: Error;
}

export function ErrorNote({ error }: ErrorNoteProps) {
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
