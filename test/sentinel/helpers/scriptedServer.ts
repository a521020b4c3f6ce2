/**
 * A real local HTTP server (loopback, port 0) that answers from a script and records what
 * it received: the clients' URLs, headers, bodies, retries and error mapping are tested
 * over real sockets without Azure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface ScriptedAnswer {
  status?: number;
  body?: unknown;
  /** Sent as-is instead of `body` (non-JSON answers). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** Send the headers, then the body one byte every `intervalMs`, `count` times. */
  trickle?: { intervalMs: number; count: number };
}

export type Answer = ScriptedAnswer | ((req: Received, serverUrl: string) => ScriptedAnswer);

export interface ScriptedServer {
  url: string;
  received: Received[];
  /** Answers in order; the last one repeats. */
  script(...answers: Answer[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let answers: Answer[] = [{ status: 200, body: {} }];
  const received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const rec: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
      received.push(rec);
      const next = answers.length > 1 ? answers.shift()! : answers[0]!;
      const answer = typeof next === 'function' ? next(rec, url) : next;
      const reply = (): void => {
        if (answer.reset) {
          req.socket.destroy();
          return;
        }
        const payload = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
        res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
        if (!answer.trickle) {
          res.end(payload);
          return;
        }
        let sent = 0;
        const drip = (): void => {
          if (res.destroyed || sent >= answer.trickle!.count) {
            res.end();
            return;
          }
          res.write(' ');
          sent++;
          later(answer.trickle!.intervalMs, drip);
        };
        drip();
      };
      if (answer.delayMs) later(answer.delayMs, reply);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    script: (...a) => {
      answers = a;
    },
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One scripted server for a whole test file: started before the first test, closed after the
 * last, with what it received cleared before each test.
 */
export function useScriptedServer(): ScriptedServer {
  let current: ScriptedServer | undefined;
  const started = (): ScriptedServer => {
    if (!current) throw new Error('the scripted server starts in beforeAll');
    return current;
  };
  beforeAll(async () => {
    current = await startScriptedServer();
  });
  afterAll(async () => current?.close());
  beforeEach(() => {
    started().received.length = 0;
  });
  return {
    get url() {
      return started().url;
    },
    get received() {
      return started().received;
    },
    script: (...answers) => started().script(...answers),
    close: async () => started().close(),
  };
}
