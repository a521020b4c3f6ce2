/**
 * The public pages a Teams app package points to: the website, privacy statement and terms
 * of use (Teams and Store validation require the URLs to answer). Read once at start-up
 * from pages/; the operator's name is the only value filled in, HTML-escaped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'restify';
import { PROJECT_ROOT } from '../projectRoot';

export const PAGES_DIR = path.join(PROJECT_ROOT, 'pages');

/** URL path -> the page's HTML. */
export type Pages = ReadonlyMap<string, string>;

const ROUTES: ReadonlyArray<[route: string, file: string]> = [
  ['/', 'index.html'],
  ['/privacy', 'privacy.html'],
  ['/terms', 'terms.html'],
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function loadPages(options: { operatorName?: string; dir?: string } = {}): Pages {
  const operator = escapeHtml(options.operatorName ?? 'the organisation that runs this bot');
  const pages = new Map<string, string>();
  for (const [route, file] of ROUTES) {
    const html = fs.readFileSync(path.join(options.dir ?? PAGES_DIR, file), 'utf8');
    pages.set(route, html.split('{{operator}}').join(operator));
  }
  return pages;
}

export function registerPages(server: Server, pages: Pages): void {
  for (const [route, html] of pages) {
    const body = Buffer.from(html, 'utf8');
    server.get(route, (_req, res, next) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': body.length,
        // Static text: no script, no frames, styles inline only.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'public, max-age=3600',
      });
      res.end(body);
      next();
    });
  }
}
