/**
 * Headers every answer of both HTTP faces carries, whatever route or error produced it: browsers must not
 * second-guess a body's media type (a JSON error echoing input, a CSV export, a stylesheet are never run as
 * HTML or script).
 */
export const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff' } as const;
