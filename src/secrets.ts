/**
 * Cutting secrets out of text: services echo requests back in error texts, HTTP clients keep
 * the request (with its Authorization header) on their errors, and token endpoints answer with
 * tokens. Anything shaped like a bearer credential, a JWT, or the value of a key that names a
 * token or secret is replaced by [redacted]. Used on error texts kept from Azure and on every
 * log line as it is written.
 */

/** Keys whose values are secrets, as JSON keys (`"access_token":"..."`). */
const SECRET_KEYS = /("(?:access_token|refresh_token|id_token|client_secret|clientSecret|userAssertionToken|assertion|client_assertion|password|appPassword|MicrosoftAppPassword)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_KEYS, '$1"[redacted]"')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(?:(?:bearer|pop)\s+)?[^"',;\s}]+/gi, '$1[redacted]')
    .replace(/\b(bearer)\s+[A-Za-z0-9\-._~+/]{6,}=*/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[redacted]');
}
