import { PerPerson, emulatorPersonCredential, type ActingPerson } from '../../src/azure/personCredentials';
import { callerFromToken } from '../../src/emulator/identity';
import { ALEX, DEMO_TENANT_ID } from '../../src/demo/identities';
import { startHarness, type Harness } from '../emulator/helpers/emulatorHarness';

const alex: ActingPerson = { tenantId: DEMO_TENANT_ID, objectId: ALEX.objectId, name: ALEX.name, userPrincipalName: ALEX.userPrincipalName };

function person(n: number, tenantId = DEMO_TENANT_ID): ActingPerson {
  return { tenantId, objectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Person ${n}` };
}

describe('a person\'s credential', () => {
  let e: Harness;
  beforeAll(async () => {
    e = await startHarness();
  });
  afterAll(async () => e.stop());

  it('names the person to the emulator, not the bot', async () => {
    const token = await emulatorPersonCredential(e.url, alex).getToken(`${e.url}/.default`);
    expect(callerFromToken(token!.token)).toEqual({ name: 'Alex Wilber', objectId: ALEX.objectId, userPrincipalName: ALEX.userPrincipalName, email: ALEX.email });
  });
});

describe('PerPerson', () => {
  it('keeps one value per tenant and person', () => {
    let made = 0;
    const cache = new PerPerson(() => ++made);
    expect(cache.get(person(1))).toBe(1);
    expect(cache.get({ ...person(1), objectId: person(1).objectId.toUpperCase() })).toBe(1);
    expect(cache.get(person(1, '11111111-1111-4111-8111-111111111111'))).toBe(2);
    expect(cache.get(person(2))).toBe(3);
  });

  it('drops the least recently used person beyond its bound', () => {
    let made = 0;
    const cache = new PerPerson(() => ++made, { max: 2 });
    cache.get(person(1));
    cache.get(person(2));
    cache.get(person(1));
    cache.get(person(3));
    expect(cache.size).toBe(2);
    expect(cache.get(person(1))).toBe(1);
    expect(cache.get(person(2))).toBe(4);
  });

  it('forgets a person unused for a token lifetime', () => {
    let now = 0;
    let made = 0;
    const cache = new PerPerson(() => ++made, { idleMs: 1000, now: () => now });
    cache.get(person(1));
    now = 999;
    expect(cache.get(person(1))).toBe(1);
    now = 1999;
    expect(cache.get(person(1))).toBe(2);
  });
});

describe('PerPerson with single sign-on', () => {
  it('builds anew when the Teams token it was made from is replaced, and hands the new one to the builder', () => {
    const cache = new PerPerson((p, assertion) => ({ who: p.objectId, assertion }));
    const first = cache.get(person(1), { assertion: 'a1', stale: (v) => v.assertion !== 'a1' });
    expect(cache.get(person(1), { assertion: 'a1', stale: (v) => v.assertion !== 'a1' })).toBe(first);
    expect(cache.get(person(1), { assertion: 'a2', stale: (v) => v.assertion !== 'a2' })).toEqual({ who: person(1).objectId, assertion: 'a2' });
  });

  it('keeps nothing past the expiry of the Teams token, even when in use', () => {
    let now = 0;
    let made = 0;
    const cache = new PerPerson(() => ++made, { idleMs: 60_000, now: () => now });
    cache.get(person(1), { expiresAt: 500 });
    now = 499;
    expect(cache.get(person(1), { expiresAt: 500 })).toBe(1);
    now = 500;
    expect(cache.get(person(1))).toBe(2);
  });

  it("drops a person's expired value when anyone else is served, so nobody's tokens outlive them unused", () => {
    let now = 0;
    const cache = new PerPerson((p) => p.objectId, { idleMs: 60_000, now: () => now });
    cache.get(person(1), { expiresAt: 500 });
    cache.get(person(2));
    expect(cache.size).toBe(2);
    now = 500;
    cache.get(person(2));
    expect(cache.size).toBe(1);
  });

  it('forgets a person who signed out, and only them', () => {
    let made = 0;
    const cache = new PerPerson(() => ++made);
    cache.get(person(1));
    cache.get(person(2));
    expect(cache.delete({ ...person(1), objectId: person(1).objectId.toUpperCase() })).toBe(true);
    expect(cache.get(person(1))).toBe(3);
    expect(cache.get(person(2))).toBe(2);
  });
});
