import type { ComponentChildren } from 'preact';

export interface FactProps {
  term: string;
  children: ComponentChildren;
}

/** One term and its value in a `<dl class="facts">`. */
export function Fact({ term, children }: FactProps) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
