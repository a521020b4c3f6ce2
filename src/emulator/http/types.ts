/** The emulator's view of a request and its answer, independent of node:http. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor } from '../model';

export interface EmulatorRequest {
  method: string;
  /** Decoded path segments. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  actor: Actor;
  /** scheme://host:port the request came to, for absolute nextLinks. */
  baseUrl: string;
  path: string;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): EmulatorResponse => ({ status, body, headers });
