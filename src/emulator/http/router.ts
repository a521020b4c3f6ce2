/**
 * A small router: routes are written like the swagger's paths, `{name}` segments capture,
 * literal segments match case-insensitively (ARM treats them so). Each route has a kind, the
 * label requests are counted under.
 */
import type { Reply } from './types';

export type Params = Readonly<Record<string, string>>;
/** `R` is what handlers answer: a Reply, or a promise of one for routes that wait (the query API). */
export type Handler<C, R = Reply> = (ctx: C, params: Params) => R;

interface Route<C, R> {
  method: string;
  segments: readonly string[];
  kind: string;
  handler: Handler<C, R>;
}

export type RouteMatch<C, R = Reply> =
  | { found: true; kind: string; params: Params; handler: Handler<C, R> }
  /** The path exists but not for this method. */
  | { found: false; kind: string; allowed: string[] };

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function capture(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}

export class Router<C, R = Reply> {
  private readonly routes: Route<C, R>[] = [];

  add(method: string, path: string, kind: string, handler: Handler<C, R>): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(path), kind, handler });
    return this;
  }

  match(method: string, segments: readonly string[]): RouteMatch<C, R> | undefined {
    let pathMatch: { kind: string; allowed: string[] } | undefined;
    for (const route of this.routes) {
      const params = capture(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { found: true, kind: route.kind, params, handler: route.handler };
      pathMatch ??= { kind: route.kind, allowed: [] };
      pathMatch.allowed.push(route.method);
    }
    return pathMatch && { found: false, ...pathMatch };
  }
}

/** Whether `segments` begin with `path` (a pattern as for routes); the captured parameters if so. */
export function matchPrefix(path: string, segments: readonly string[]): Params | undefined {
  const pattern = split(path);
  return segments.length >= pattern.length ? capture(pattern, segments.slice(0, pattern.length)) : undefined;
}
