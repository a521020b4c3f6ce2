/** Remembering each person's time zone between their messages and their card presses. */
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { TimeZoneMemory, zoneOfTurn } from '../../src/bot/timeZones';
import { MemoryStateStore, type StateRecord, type StateStore } from '../../src/bot/storage';
import { silentLogger } from '../../src/logging';

const ADA = '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90';
const TENANT = '9c1e7f3a-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

function turn(fields: Partial<Activity> & { localTimezone?: unknown } = {}, objectId: string = ADA): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'msteams',
    from: { id: '29:ada', name: 'Ada', aadObjectId: objectId },
    conversation: { id: 'c', tenantId: TENANT, isGroup: false, conversationType: 'personal', name: '' },
    recipient: { id: 'bot', name: 'bot' },
    ...fields,
  } as Partial<Activity>);
}

describe('TimeZoneMemory', () => {
  it('uses the zone a message names, and remembers it for a later press that names none', async () => {
    const store = new MemoryStateStore();
    expect(await new TimeZoneMemory(store, silentLogger).zoneFor(turn({ localTimezone: 'Asia/Kolkata' }))).toBe('Asia/Kolkata');
    // Another instance (nothing cached) answering the person's press.
    const press = turn({ type: 'invoke' });
    expect(await new TimeZoneMemory(store, silentLogger).zoneFor(press)).toBe('Asia/Kolkata');
    expect(zoneOfTurn(press)).toBe('Asia/Kolkata');
  });

  it('follows a person who travels: the newest zone wins', async () => {
    const store = new MemoryStateStore();
    const memory = new TimeZoneMemory(store, silentLogger);
    await memory.zoneFor(turn({ localTimezone: 'Europe/Berlin' }));
    await memory.zoneFor(turn({ localTimezone: 'America/Los_Angeles' }));
    expect(await new TimeZoneMemory(store, silentLogger).zoneFor(turn({ type: 'invoke' }))).toBe('America/Los_Angeles');
  });

  it('ignores a zone it does not know, keeping the remembered one, and says UTC when none is known', async () => {
    const store = new MemoryStateStore();
    const memory = new TimeZoneMemory(store, silentLogger);
    expect(await memory.zoneFor(turn({ localTimezone: 'Mars/Olympus' }))).toBe('UTC');
    await memory.zoneFor(turn({ localTimezone: 'Asia/Tokyo' }));
    expect(await memory.zoneFor(turn({ localTimezone: '<script>' }))).toBe('Asia/Tokyo');
    expect((await store.read(`timezones/${TENANT}/${ADA}`))?.value).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('remembers nobody without an Entra object id, using only the zone sent', async () => {
    const store = new MemoryStateStore();
    const memory = new TimeZoneMemory(store, silentLogger);
    expect(await memory.zoneFor(turn({ localTimezone: 'Asia/Tokyo' }, 'not-a-guid'))).toBe('Asia/Tokyo');
    expect(await memory.zoneFor(turn({}, 'not-a-guid'))).toBe('UTC');
  });

  it('does not fail the turn when the store fails: the zone sent, else UTC', async () => {
    const broken: StateStore = {
      read: (): Promise<StateRecord | undefined> => Promise.reject(Object.assign(new Error('down'), { code: 'ECONNREFUSED' })),
      write: () => Promise.reject(new Error('down')),
      delete: () => Promise.resolve(),
    };
    const memory = new TimeZoneMemory(broken, silentLogger);
    expect(await memory.zoneFor(turn({ localTimezone: 'Asia/Kolkata' }))).toBe('Asia/Kolkata');
    expect(await memory.zoneFor(turn({ type: 'invoke' }))).toBe('UTC');
  });
});
