export interface MyOwnerHintProps {
  /** The owner filter's value. */
  value: string;
  myOwner: string | null;
}

/** Asks for this browser's owner id while the owner filter says "mine" without one. */
export function MyOwnerHint({ value, myOwner }: MyOwnerHintProps) {
  if (value !== 'mine' || myOwner) return null;
  return <p class="hint">Say which owner id is yours to see your items; until then, everyone's show.</p>;
}
