import type { ComponentChildren } from 'preact';
import { BASE, navigate } from '../router.ts';

export interface LinkProps {
  to: string;
  current?: boolean;
  children: ComponentChildren;
}

/** An in-console link: moves without reloading, unless the user asks for a new tab or window. */
export function Link({ to, current = false, children }: LinkProps) {
  return (
    <a
      href={`${BASE}${to}`}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
