/** The incidents list: $filter, $orderby, $top and paging with nextLink, as Sentinel serves them. */
import { guid as id, newIncident, startHarness, WS_PATH, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (let n = 1; n <= 10; n++) await h.arm('PUT', `/incidents/${id(n)}`, newIncident(`early ${n}`));
});
afterAll(async () => h.stop());

describe('list', () => {
  beforeAll(async () => {
    for (let n = 100; n < 160; n++) {
      await h.arm('PUT', `/incidents/${id(n)}`, newIncident(`bulk ${n}`, { severity: n % 2 ? 'High' : 'Informational', status: n % 3 ? 'New' : 'Active' }));
    }
    await h.arm('PUT', `/incidents/${id(100)}`, newIncident('bulk 100', { severity: 'Informational', status: 'Active', owner: { objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90' } }));
  });

  const names = (res: { data: { value: Array<{ name: string }> } }): string[] => res.data.value.map((i) => i.name);
  const filtered = (filter: string, extra = ''): Promise<{ status: number; data: { value: Array<{ name: string; properties: Record<string, unknown> }>; nextLink?: string } }> =>
    h.arm('GET', `/incidents?$filter=${encodeURIComponent(filter)}${extra}`);

  it('filters by incident number, status, severity, owner and creation time', async () => {
    expect(names(await filtered('properties/incidentNumber eq 2'))).toEqual([id(2)]);
    const everything = (await h.arm('GET', '/incidents?$top=1000')).data.value as Array<{ properties: { status: string; severity: string } }>;
    const expected = everything.filter((i) => i.properties.status === 'Active' && ['High', 'Informational'].includes(i.properties.severity)).length;
    const active = await filtered("properties/status eq 'Active' and (properties/severity eq 'High' or properties/severity eq 'Informational')", '&$top=1000');
    expect(expected).toBeGreaterThan(15);
    expect(active.data.value.length).toBe(expected);
    expect(active.data.value.every((i) => i.properties.status === 'Active')).toBe(true);
    expect(names(await filtered("properties/owner/objectId eq '8E1C9D44-6A0F-4F4B-B3B5-0A5F1E2D7C90'"))).toEqual([id(100)]);
    const range = await filtered('properties/incidentNumber ge 3 and properties/incidentNumber lt 5');
    expect(range.data.value.map((i) => i.properties.incidentNumber).sort()).toEqual([3, 4]);
    const all = await h.arm('GET', '/incidents?$top=1000');
    const created = all.data.value.map((i: { properties: { createdTimeUtc: string } }) => i.properties.createdTimeUtc).sort();
    const since = await filtered(`properties/createdTimeUtc gt ${created[created.length - 3]}`);
    expect(since.data.value).toHaveLength(2);
    expect((await filtered("not (properties/status eq 'New')", '&$top=1000')).data.value.every((i) => i.properties.status !== 'New')).toBe(true);
  });

  it('filters by last modification time: what changed since a moment', async () => {
    const before = (await h.arm('GET', `/incidents/${id(3)}`)).data.properties.lastModifiedTimeUtc as string;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await h.arm('PUT', `/incidents/${id(3)}`, newIncident('early 3', { severity: 'Low' }));
    await h.arm('PUT', `/incidents/${id(7)}/comments/c1`, { properties: { message: 'a comment changes its incident too' } });
    const changed = await filtered(`properties/lastModifiedTimeUtc ge ${since}`, `&$orderby=${encodeURIComponent('properties/lastModifiedTimeUtc desc')}`);
    expect(names(changed)).toEqual([id(7), id(3)]);
    expect(names(await filtered(`properties/lastModifiedTimeUtc le ${before}`))).not.toContain(id(3));
  });

  it.each([
    ["startswith(properties/title, 'x')", /Functions are not supported/],
    ["properties/title eq 'x'", /'properties\/title' is not supported/],
    ["properties/status gt 'New'", /only be compared with eq or ne/],
    ["properties/status eq 'Active' and", /expected a property/],
    ["(properties/status eq 'Active'", /not closed/],
    ["properties/incidentNumber eq 'two'", /expected an integer/],
    ['properties/createdTimeUtc gt yesterday', /date-time/],
    ["properties/status eq 'Active' xor 1", /unexpected 'xor'/],
  ])('rejects the filter %s with 400', async (filter, message) => {
    const res = await filtered(filter);
    expect(res.status).toBe(400);
    expect((res.data as unknown as { error: { message: string } }).error.message).toMatch(message);
  });

  it('orders by a property, newest number first by default', async () => {
    const byNumber = await h.arm('GET', `/incidents?$orderby=${encodeURIComponent('properties/incidentNumber asc')}&$top=3`);
    expect(byNumber.data.value.map((i: { properties: { incidentNumber: number } }) => i.properties.incidentNumber)).toEqual([1, 2, 3]);
    const byDefault = await h.arm('GET', '/incidents?$top=2');
    const [first, second] = byDefault.data.value.map((i: { properties: { incidentNumber: number } }) => i.properties.incidentNumber);
    expect(first).toBeGreaterThan(second);
    const newest = await h.arm('GET', `/incidents?$orderby=${encodeURIComponent('properties/createdTimeUtc desc')}&$top=1`);
    expect(newest.data.value[0].properties.incidentNumber).toBe(first);
    expect((await h.arm('GET', `/incidents?$orderby=${encodeURIComponent('properties/owner/objectId asc')}`)).status).toBe(400);
  });

  it('pages with $top and absolute nextLinks carrying $skipToken, without repeats or gaps', async () => {
    const total = (await h.arm('GET', '/incidents?$top=1000')).data.value.length;
    expect(total).toBeGreaterThan(60);
    const first = await h.arm('GET', '/incidents');
    expect(first.data.value).toHaveLength(50);
    expect(first.data.nextLink).toMatch(new RegExp(`^${h.url}${WS_PATH}/incidents\\?api-version=2025-09-01&\\$skipToken=`));
    const seen: string[] = names(first);
    let next: string | undefined = first.data.nextLink;
    // A new incident between pages must not shift what the next page holds.
    await h.arm('PUT', `/incidents/${id(200)}`, newIncident('created while paging'));
    while (next) {
      const page = await h.call('GET', next.slice(h.url.length));
      expect(page.status).toBe(200);
      seen.push(...names(page));
      next = page.data.nextLink;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    const small = await h.arm('GET', `/incidents?$top=7&$filter=${encodeURIComponent("properties/status eq 'Active'")}`);
    expect(small.data.value).toHaveLength(7);
    expect(decodeURIComponent(small.data.nextLink)).toContain("$filter=properties/status eq 'Active'");
    expect(decodeURIComponent(small.data.nextLink)).toContain('$top=7');
  });

  it('rejects $top outside 1..1000 and a forged $skipToken', async () => {
    expect((await h.arm('GET', '/incidents?$top=1001')).status).toBe(400);
    expect((await h.arm('GET', '/incidents?$top=0')).status).toBe(400);
    expect((await h.arm('GET', '/incidents?$top=ten')).status).toBe(400);
    expect((await h.arm('GET', '/incidents?$skipToken=garbage')).status).toBe(400);
  });
});
