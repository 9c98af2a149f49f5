import { useState } from 'preact/hooks';

export interface TokenFormProps {
  onSave: (token: string) => void;
  /** Why the last token did not open the console: refused, or the server's message when its admin API is off. */
  notice?: string | undefined;
}

/** Asks for the admin token (HEED_ADMIN_TOKEN), once per tab. */
export function TokenForm({ onSave, notice }: TokenFormProps) {
  const [token, setToken] = useState('');
  return (
    <main class="token">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() !== '') onSave(token.trim());
        }}
      >
        <h1>Heed console</h1>
        {notice && <p role="alert">{notice}</p>}
        <label for="token">Admin token</label>
        <input id="token" type="password" autocomplete="current-password" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        <p class="hint">Kept in this tab only, until it closes.</p>
        <button type="submit">Open the console</button>
      </form>
    </main>
  );
}
