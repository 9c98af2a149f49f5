import { useEffect, useState } from 'preact/hooks';

export interface SearchBoxProps {
  /** The search in the URL. */
  value: string;
  onSearch: (q: string) => void;
  label?: string;
}

/** Words to find in comments, applied on Enter or "Search" (not on each key, which would be a request a key). */
export function SearchBox({ value, onSearch, label = 'Search comments' }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      class="inline-form search-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(draft.trim());
      }}
    >
      <label>
        <span>{label}</span>
        <input type="search" value={draft} maxLength={200} size={18} onInput={(e) => setDraft(e.currentTarget.value)} />
      </label>
      <button type="submit" class="quiet">
        Search
      </button>
    </form>
  );
}
