/** Largest request body either HTTP face accepts by default: answers are small, 64 KiB is generous. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
