/**
 * The poll at its edges, with Sentinel's list call played by a small in-memory workspace (the
 * `gt` filter and ascending order as the API applies them), so times can be chosen to the
 * millisecond: several incidents modified in the same millisecond at the watermark, and two
 * instances polling at once (a lease lost mid-poll).
 */
import { MemoryStateStore } from '../../src/bot/storage';
import { FeedStore } from '../../src/feed/feedStore';
import { FeedPoller, type FeedCard, type FeedPort, type IncidentLister } from '../../src/feed/poller';
import type { ListIncidentsOptions } from '../../src/sentinel/sentinelClient';
import type { Incident } from '../../src/sentinel/types';
import { silentLogger } from '../../src/logging';

class Workspace implements IncidentLister {
  private readonly incidents = new Map<string, Incident>();
  private next = 1;
  put(name: string, lastModifiedTimeUtc: string, title = name): void {
    const number = this.incidents.get(name)?.properties.incidentNumber ?? this.next++;
    this.incidents.set(name, { name, id: name, etag: '"1"', properties: { title, severity: 'High', status: 'New', incidentNumber: number, lastModifiedTimeUtc } } as Incident);
  }
  async listIncidents(options: ListIncidentsOptions): Promise<Incident[]> {
    const after = /gt (\S+)$/.exec(options.filter ?? '')?.[1];
    const all = [...this.incidents.values()].filter((i) => !after || Date.parse(i.properties.lastModifiedTimeUtc!) > Date.parse(after));
    const sorted = all.sort((a, b) => Date.parse(a.properties.lastModifiedTimeUtc!) - Date.parse(b.properties.lastModifiedTimeUtc!));
    return options.orderBy?.endsWith('desc') ? sorted.reverse().slice(0, options.top) : sorted;
  }
}

class Port implements FeedPort {
  posts: Array<{ incident: string; id: string }> = [];
  updates: Array<{ incident: string; id: string }> = [];
  async post(_a: Record<string, unknown>, card: FeedCard): Promise<string> {
    // Teams takes a moment: two instances' polls interleave here.
    await new Promise((r) => setTimeout(r, 5));
    const id = `act-${this.posts.length + 1}`;
    this.posts.push({ incident: card.kind === 'incident' ? card.incident.name : 'digest', id });
    return id;
  }
  async update(_a: Record<string, unknown>, id: string, card: FeedCard): Promise<void> {
    this.updates.push({ incident: card.kind === 'incident' ? card.incident.name : '', id });
  }
}

const all = { severities: [], statuses: [], unassignedOnly: false };
const T = '2026-11-30T10:00:00.123Z';
const plus = (ms: number): string => new Date(Date.parse(T) + ms).toISOString();

async function watching(): Promise<FeedStore> {
  const store = new FeedStore(new MemoryStateStore());
  await store.watch({ conversationId: 'soc', address: { id: 'soc' }, filter: all });
  return store;
}
const poller = (ws: Workspace, store: FeedStore, port: Port, id: string): FeedPoller => new FeedPoller(ws, store, port, { burstThreshold: 1000, logger: silentLogger, instanceId: id, now: () => Date.parse(T) + 60000 });

it('several incidents modified in the same millisecond at the watermark: none lost, none repeated', async () => {
  const ws = new Workspace();
  ws.put('base', plus(-1000));
  const store = await watching();
  const port = new Port();
  const p = poller(ws, store, port, 'one');
  await p.poll();
  ws.put('a', T);
  ws.put('b', T);
  await p.poll();
  // Written in that same millisecond after the poll read the list, and one a millisecond later.
  ws.put('c', T);
  ws.put('d', plus(1));
  await p.poll();
  await p.poll();
  expect(port.posts.map((x) => x.incident).sort()).toEqual(['a', 'b', 'c', 'd']);
  expect(port.updates).toEqual([]);
  // A later change to one of the tied incidents updates its card.
  ws.put('b', plus(2));
  await p.poll();
  expect(port.posts).toHaveLength(4);
  expect(port.updates).toEqual([{ incident: 'b', id: port.posts.find((x) => x.incident === 'b')!.id }]);
});

it('two instances polling at once (a lease lost mid-poll): every incident is posted once, and both go on', async () => {
  const ws = new Workspace();
  ws.put('base', plus(-1000));
  const store = await watching();
  const port = new Port();
  const [one, two] = [poller(ws, store, port, 'one'), poller(ws, store, port, 'two')];
  await one.poll();
  for (let i = 0; i < 20; i++) ws.put(`n${String(i).padStart(2, '0')}`, plus(i));
  const results = await Promise.all([one.poll(), two.poll()]);
  await Promise.all([one.poll(), two.poll()]);
  await one.poll();
  expect(port.posts.map((x) => x.incident).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${String(i).padStart(2, '0')}`));
  expect(results[0].posted + results[1].posted).toBe(20);
  // And the feed moves on: a new incident after the overlap is posted once.
  ws.put('after', plus(100));
  await Promise.all([one.poll(), two.poll()]);
  expect(port.posts.filter((x) => x.incident === 'after')).toHaveLength(1);
});

it('a channel removed after its cards were posted (403 on an update): it stops watching, and the others go on', async () => {
  const ws = new Workspace();
  ws.put('base', plus(-1000));
  const store = await watching();
  await store.watch({ conversationId: 'tier2', address: { id: 'tier2' }, filter: all });
  const port = new Port();
  const refusing = Object.assign(Object.create(port) as Port, {
    update: async (a: Record<string, unknown>, id: string, card: FeedCard): Promise<void> => {
      if (a.id === 'soc') throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
      return port.update(a, id, card);
    },
  });
  const p = poller(ws, store, refusing, 'one');
  await p.poll();
  ws.put('x', T);
  await p.poll();
  expect(port.posts).toHaveLength(2);
  ws.put('x', plus(1));
  ws.put('y', plus(2));
  const result = await p.poll();
  expect(result.failed).toBe(0);
  expect((await store.watches()).map((w) => w.conversationId)).toEqual(['tier2']);
  // tier2 got its update and the new card; nothing is held back for the channel that is gone.
  expect(port.updates).toHaveLength(1);
  expect(port.posts.map((x) => x.incident)).toEqual(['x', 'x', 'y']);
  expect(await p.poll()).toMatchObject({ changed: 0 });
});
