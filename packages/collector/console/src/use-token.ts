/** The admin token, asked for once per tab and kept in sessionStorage (it goes when the tab closes). */
import { useCallback, useState } from 'preact/hooks';

const KEY = 'heed.adminToken';

export function useToken(): [token: string | null, save: (token: string) => void, forget: () => void] {
  const [token, setToken] = useState(() => sessionStorage.getItem(KEY));
  const save = useCallback((value: string) => {
    sessionStorage.setItem(KEY, value);
    setToken(value);
  }, []);
  const forget = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(null);
  }, []);
  return [token, save, forget];
}
