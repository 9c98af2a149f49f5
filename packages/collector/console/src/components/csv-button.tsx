import { useState } from 'preact/hooks';
import { saveDownload, type Api, type Query } from '../api.ts';

export interface CsvButtonProps {
  api: Api;
  query: Query;
}

/** Downloads the filtered responses as CSV. The export needs the admin token, so it is fetched and saved, not linked. */
export function CsvButton({ api, query }: CsvButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  async function download() {
    setBusy(true);
    setError(undefined);
    try {
      saveDownload(await api.download('/v1/responses.csv', query, 'heed-responses.csv'));
    } catch (failure) {
      setError(`Export failed: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="csv">
      <button type="button" onClick={() => void download()} disabled={busy} aria-busy={busy}>
        {busy ? 'Preparing CSV…' : 'Download CSV'}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
