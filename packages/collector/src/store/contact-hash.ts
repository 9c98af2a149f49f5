/** An erased contact is kept as the SHA-256 of its lowercased address only: enough to refuse it, not to read it. */
import { createHash } from 'node:crypto';

export function contactHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
