/**
 * How an email address is compared, and how an erased one is kept: the SHA-256 of its trimmed, lowercased
 * form only, enough to refuse it, not to read it.
 */
import { createHash } from 'node:crypto';

/** The form two addresses are compared in: the same mailbox whatever its case or surrounding spaces. */
export function normalizedAddress(email: string): string {
  return email.trim().toLowerCase();
}

export function contactHash(email: string): string {
  return createHash('sha256').update(normalizedAddress(email)).digest('hex');
}
