import { useState } from 'preact/hooks';

export interface TokenFormProps {
  onSave: (token: string) => void;
  /** The last token was refused by the collector. */
  refused?: boolean;
}

/** Asks for the admin token (HEED_ADMIN_TOKEN), once per tab. */
export function TokenForm({ onSave, refused = false }: TokenFormProps) {
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
        {refused && <p role="alert">That token was refused. Check HEED_ADMIN_TOKEN and try again.</p>}
        <label for="token">Admin token</label>
        <input id="token" type="password" autocomplete="current-password" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        <p class="hint">Kept in this tab only, until it closes.</p>
        <button type="submit">Open the console</button>
      </form>
    </main>
  );
}
