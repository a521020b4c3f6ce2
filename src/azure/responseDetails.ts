/**
 * What an Azure answer says about itself, read defensively: the service's error code and
 * message from its body, and the header values the retry and error paths need.
 */
import type { HeaderBag } from './retry';

export function errorCode(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

type ErrorInfo = { code?: unknown; message?: unknown; innererror?: unknown };

const asErrorInfo = (v: unknown): ErrorInfo | undefined => (typeof v === 'object' && v !== null ? (v as ErrorInfo) : undefined);

/** Nested innererrors, bounded: the service nests two levels, a hostile body could nest thousands. */
const MAX_ERROR_DEPTH = 8;

/**
 * CloudError (ARM) and errorResponse (query API) share `{ error: { code, message, innererror? } }`.
 * Log Analytics nests a query error twice (BadArgumentError > SemanticError > SEM0100); the
 * innermost level says what is wrong, so its message and code are the ones kept.
 */
export function cloudError(body: unknown): { serviceCode?: string; serviceMessage?: string; serviceDetailCode?: string } {
  const e = asErrorInfo(typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined);
  if (!e) return {};
  let innermost: ErrorInfo | undefined;
  let level = asErrorInfo(e.innererror);
  for (let depth = 0; level && depth < MAX_ERROR_DEPTH; depth++) {
    innermost = level;
    level = asErrorInfo(level.innererror);
  }
  const inner = typeof innermost?.message === 'string' ? innermost.message : undefined;
  const outer = typeof e.message === 'string' ? e.message : undefined;
  return {
    serviceCode: typeof e.code === 'string' ? e.code : undefined,
    serviceMessage: outer && inner ? `${outer} ${inner}` : (outer ?? inner),
    serviceDetailCode: typeof innermost?.code === 'string' ? innermost.code : undefined,
  };
}

export function firstHeader(headers: HeaderBag, names: string[]): string | undefined {
  for (const n of names) {
    const v = headers[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

export function plainHeaders(headers: HeaderBag): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
  }
  return out;
}
