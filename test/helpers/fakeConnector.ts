/**
 * A local stand-in for the Bot Framework connector (Teams' side of the conversation):
 * records what the bot posts or updates, answers roster lookups (one member, or the
 * conversation's members a page at a time), creates 1:1 chats
 * (POST /v3/conversations) and lists a team's channels (GET /v3/teams/{id}/conversations).
 * It also plays the Bot Framework token service of an OAuth connection (/api/usertoken/...,
 * /api/botsignin/...): who is signed in with which token, Teams' token exchange, magic codes
 * and sign-out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** What the connector answered: its HTTP status and, for posts and updates, the activity id. */
  status?: number;
  answeredId?: string;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

/** The token service's side of single sign-on, per Teams user id. */
export interface FakeTokenService {
  /** Signed-in people: Teams user id -> their token for the bot's API. */
  signedIn: Map<string, string>;
  /** Magic codes a person may type after signing in through the card's button: code -> [user id, token]. */
  magicCodes: Map<string, [string, string]>;
  /** People whose Teams token the service refuses to exchange (consent missing at the connection). */
  refuseExchange: Set<string>;
  /** While true, signing out answers 503: the token service is down. */
  signOutDown: boolean;
}

export interface FakeConnector {
  tokens: FakeTokenService;
  url: string;
  calls: ConnectorCall[];
  waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** The next `count` posts or updates answer 429 with Retry-After, as Teams does when throttling. */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /**
   * Once `answered` posts of new activities have been answered, the next one is held: never
   * answered, and not delivered if the bot goes away meanwhile (as a post Teams never got to
   * process). Resolves when that post arrives, so a test can kill the bot mid-post.
   */
  holdPostAfter(answered: number): Promise<ConnectorCall>;
  /**
   * The next post matching `when` is taken (it is in the channel) and `then` runs just before its
   * answer is written: a test kills the bot there, the moment between Teams accepting a post and the
   * bot recording its id, every time.
   */
  answerPostThen(when: (c: ConnectorCall) => boolean, then: (c: ConnectorCall) => void): void;
  /**
   * Calls matching `when` answer `status` from now on, as Teams does for a conversation the bot was
   * removed from (403), a deleted message (404) or a person without the app (403 on creating a chat).
   */
  refuse(when: (c: ConnectorCall) => boolean, status: number): void;
  close(): Promise<void>;
}

export interface FakeMember {
  userPrincipalName: string;
  email: string;
  name: string;
  aadObjectId?: string;
}

/** A team's channels as Teams lists them; the General channel's id is the team's id, and it has no name. */
export type TeamChannels = Record<string, Array<{ id: string; name?: string }>>;

export async function startFakeConnector(members: Record<string, FakeMember> = {}, teams: TeamChannels = {}): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const tokens: FakeTokenService = { signedIn: new Map(), magicCodes: new Map(), refuseExchange: new Set(), signOutDown: false };
  let throttled = 0;
  let retryAfter = 1;
  let hold: { after: number; arrived: (c: ConnectorCall) => void } | undefined;
  let afterAnswer: { when: (c: ConnectorCall) => boolean; then: (c: ConnectorCall) => void } | undefined;
  const refusals: Array<{ when: (c: ConnectorCall) => boolean; status: number }> = [];
  const answeredPosts = (): number => calls.filter((c) => c.method === 'POST' && /\/activities$/.test(c.path) && c.status === 200).length;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      const call: ConnectorCall = { method: req.method ?? '', path, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, at: Date.now() };
      calls.push(call);
      if (path.startsWith('/api/usertoken/') || path.startsWith('/api/botsignin/')) {
        answerTokenService(tokens, req.method ?? '', path, new URL(req.url ?? '/', 'http://x').searchParams, call, res);
        return;
      }
      const member = /\/members\/([^/]+)$/.exec(path);
      res.setHeader('Content-Type', 'application/json');
      const refusal = refusals.find((r) => r.when(call));
      if (refusal) {
        call.status = refusal.status;
        res.writeHead(refusal.status);
        res.end(JSON.stringify({ error: { code: refusal.status === 404 ? 'NotFound' : 'BotNotInConversationRoster', message: 'refused' } }));
        return;
      }
      if (req.method === 'GET' && /\/pagedmembers$/.test(path)) {
        const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
        const size = Number(query.get('pageSize') ?? 100) || 100;
        const from = Number(query.get('continuationToken') ?? 0) || 0;
        const all = Object.entries(members).map(([id, m]) => ({ id, ...m }));
        const next = from + size < all.length ? String(from + size) : undefined;
        res.writeHead(200);
        res.end(JSON.stringify({ members: all.slice(from, from + size), ...(next ? { continuationToken: next } : {}) }));
        return;
      }
      const team = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
      if (req.method === 'GET' && team) {
        const channels = teams[team[1] ?? ''];
        call.status = channels ? 200 : 404;
        res.writeHead(call.status);
        res.end(JSON.stringify(channels ? { conversations: channels } : { error: { code: 'NotFound' } }));
        return;
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
        // Teams answers with the one 1:1 chat between the bot and that person, new or existing.
        const who = ((call.body.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? 'nobody';
        call.status = 200;
        call.answeredId = `a:personal-${who}`;
        res.writeHead(200);
        res.end(JSON.stringify({ id: call.answeredId }));
        return;
      }
      if (req.method === 'GET' && member) {
        const m = members[member[1] ?? ''];
        res.writeHead(m ? 200 : 404);
        res.end(JSON.stringify(m ? { id: member[1], ...m } : { error: { code: 'MemberNotFound' } }));
        return;
      }
      if (throttled > 0 && (req.method === 'POST' || req.method === 'PUT') && /\/activities/.test(path)) {
        throttled--;
        call.status = 429;
        res.writeHead(429, { 'Retry-After': String(retryAfter) });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
        return;
      }
      if (hold && req.method === 'POST' && /\/activities$/.test(path) && answeredPosts() >= hold.after) {
        const { arrived } = hold;
        hold = undefined;
        arrived(call);
        return;
      }
      call.status = 200;
      res.writeHead(200);
      // An update keeps its activity's id; a post gets a new one.
      const updated = req.method === 'PUT' ? /\/activities\/([^/]+)$/.exec(path)?.[1] : undefined;
      call.answeredId = updated ?? `activity-${calls.length}`;
      const next = req.method === 'POST' && afterAnswer?.when(call) ? afterAnswer : undefined;
      if (next) {
        // Delivered to the channel; `then` runs before the answer is written, so the bot never records it.
        afterAnswer = undefined;
        next.then(call);
      }
      res.end(JSON.stringify({ id: call.answeredId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    tokens,
    waitFor: async (predicate, timeoutMs = 10000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = calls.find(predicate);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching connector call; got ${JSON.stringify(calls.map((c) => `${c.method} ${c.path}`))}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    throttleNext: (count, seconds) => {
      throttled = count;
      retryAfter = seconds;
    },
    holdPostAfter: (answered) =>
      new Promise<ConnectorCall>((resolve) => {
        hold = { after: answered, arrived: resolve };
      }),
    answerPostThen: (when, then) => {
      afterAnswer = { when, then };
    },
    refuse: (when, status) => {
      refusals.push({ when, status });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerTokenService(tokens: FakeTokenService, method: string, path: string, query: URLSearchParams, call: ConnectorCall, res: http.ServerResponse): void {
  const userId = query.get('userId') ?? '';
  const connectionName = query.get('connectionName') ?? '';
  const send = (status: number, body: unknown): void => {
    call.status = status;
    res.writeHead(status);
    res.end(JSON.stringify(body));
  };
  const tokenResponse = (token: string): Record<string, unknown> => ({ connectionName, token, expiration: new Date(Date.now() + 3600_000).toISOString(), channelId: query.get('channelId') });
  if (method === 'GET' && path === '/api/usertoken/GetToken') {
    const code = query.get('code');
    const byCode = code ? tokens.magicCodes.get(code) : undefined;
    if (byCode && byCode[0] === userId) {
      tokens.magicCodes.delete(code ?? '');
      tokens.signedIn.set(userId, byCode[1]);
    }
    const token = tokens.signedIn.get(userId);
    return token ? send(200, tokenResponse(token)) : send(404, {});
  }
  if (method === 'POST' && path === '/api/usertoken/exchange') {
    const token = typeof call.body.token === 'string' ? call.body.token : '';
    if (!token || tokens.refuseExchange.has(userId)) return send(400, { error: { code: 'ExchangeFailed', message: 'consent required' } });
    tokens.signedIn.set(userId, token);
    return send(200, tokenResponse(token));
  }
  if (method === 'DELETE' && path === '/api/usertoken/SignOut') {
    if (tokens.signOutDown) return send(503, { error: { code: 'ServiceUnavailable', message: 'down' } });
    tokens.signedIn.delete(userId);
    return send(200, {});
  }
  if (method === 'GET' && path === '/api/botsignin/GetSignInResource') {
    return send(200, {
      signInLink: 'https://token.botframework.com/api/oauth/signin?signin=fake',
      tokenExchangeResource: { id: 'exchange-resource', uri: 'api://botid-00000000-0000-0000-0000-00000000b07', providerId: 'aad' },
      tokenPostResource: { sasUrl: 'https://token.botframework.com/api/sas/fake' },
    });
  }
  send(404, { error: { code: 'NotFound', message: path } });
}
