/** A request as the emulator's handlers see it, and their answer, independent of node:http. */
import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  method: string;
  /** The path, decoded, split at '/'. */
  segments: string[];
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when there was none). */
  body: unknown;
  /** scheme://host:port the request was sent to, for absolute nextLinks. */
  baseUrl: string;
}

export interface Reply {
  status: number;
  /** Serialized as JSON; no body when undefined. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

export function header(req: Pick<EmulatorRequest, 'headers'>, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}
