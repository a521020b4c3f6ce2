/** Incident tasks and comments: the caller becomes their creator or author; they change the incident too. */
import { ADA, GRACE } from '../../src/demo/identities';
import { EMULATOR_CLIENT } from '../../src/emulator/identity';
import { guid, newIncident, startHarness, tokenFor, type Harness } from './helpers/emulatorHarness';
import { INCIDENTS_SWAGGER, schemaErrors } from './helpers/swaggerSchemas';

let h: Harness;
const INCIDENT = guid(1, 'dddddddd');
beforeAll(async () => {
  h = await startHarness();
  await h.arm('PUT', `/incidents/${INCIDENT}`, newIncident('with tasks and comments'));
});
afterAll(async () => h.stop());

const ada = { token: tokenFor(ADA) };
const grace = { token: tokenFor(GRACE) };
const who = (u: typeof ADA): Record<string, string> => ({ objectId: u.objectId, name: u.name, userPrincipalName: u.userPrincipalName, email: u.email });

describe('tasks', () => {
  const task = (n: number): string => `/incidents/${INCIDENT}/tasks/${guid(n, 'eeeeeeee')}`;

  it('creates a task (201) with the caller as createdBy, and updates it (200) keeping its creator', async () => {
    const before = await h.arm('GET', `/incidents/${INCIDENT}`);
    const created = await h.arm('PUT', task(1), { properties: { title: ' Reset the password ', description: 'now', status: 'New' } }, ada);
    expect(created.status).toBe(201);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentTask', created.data)).toBeNull();
    expect(created.data.properties).toMatchObject({ title: 'Reset the password', description: 'now', status: 'New', createdBy: who(ADA), lastModifiedBy: who(ADA) });
    expect(created.data.properties.createdTimeUtc).toBe(created.data.properties.lastModifiedTimeUtc);
    const completed = await h.arm('PUT', task(1), { properties: { title: 'Reset the password', status: 'Completed' } }, grace);
    expect(completed.status).toBe(200);
    expect(completed.data.properties).toMatchObject({ status: 'Completed', createdBy: who(ADA), lastModifiedBy: who(GRACE) });
    expect(completed.data.properties.createdTimeUtc).toBe(created.data.properties.createdTimeUtc);
    expect(completed.data.etag).not.toBe(created.data.etag);
    // A task change is a change of the incident: new etag, new lastModifiedTimeUtc.
    const after = await h.arm('GET', `/incidents/${INCIDENT}`);
    expect(after.data.etag).not.toBe(before.data.etag);
    expect(Date.parse(after.data.properties.lastModifiedTimeUtc)).toBeGreaterThan(Date.parse(before.data.properties.lastModifiedTimeUtc));
  });

  it('names the caller of a token that names nobody else the fixed emulator client, and refuses an opaque token as ARM does', async () => {
    const res = await h.arm('PUT', task(2), { properties: { title: 'Second', status: 'New' } });
    expect(res.data.properties.createdBy).toEqual({ name: EMULATOR_CLIENT.name, objectId: EMULATOR_CLIENT.objectId });
    const opaque = await h.arm('PUT', task(3), { properties: { title: 'Third', status: 'New' } }, { rawToken: 'opaque-token' });
    expect(opaque.status).toBe(401);
    expect(opaque.data).toEqual({ error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } });
  });

  it('lists tasks in creation order and gets one', async () => {
    const list = await h.arm('GET', `/incidents/${INCIDENT}/tasks`);
    expect(list.status).toBe(200);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentTaskList', list.data)).toBeNull();
    expect(list.data.value.map((t: { properties: { title: string } }) => t.properties.title)).toEqual(['Reset the password', 'Second']);
    const one = await h.arm('GET', task(2));
    expect(one.data.name).toBe(guid(2, 'eeeeeeee'));
    expect(one.data.id).toContain(`/incidents/${INCIDENT}/tasks/${guid(2, 'eeeeeeee')}`);
  });

  it.each([
    [{ properties: { status: 'New' } }, /title is required/],
    [{ properties: { title: '  ', status: 'New' } }, /title is required/],
    [{ properties: { title: 'x' } }, /status is required/],
    [{ properties: { title: 'x', status: 'Deleted' } }, /'Deleted' is not a valid value/],
    [{ title: 'x', status: 'New' }, /properties must be a JSON object/],
  ])('rejects the task body %j', async (body, message) => {
    const res = await h.arm('PUT', task(9), body);
    expect(res.status).toBe(400);
    expect(res.data.error.message).toMatch(message);
  });

  it('answers 409 Conflict to a stale If-Match on a task', async () => {
    const current = await h.arm('GET', task(2));
    await h.arm('PUT', task(2), { properties: { title: 'Second', status: 'Completed' } });
    const stale = await h.arm('PUT', task(2), { properties: { title: 'Second', status: 'New' } }, { headers: { 'If-Match': current.data.etag } });
    expect(stale.status).toBe(409);
    expect(stale.data.error.code).toBe('Conflict');
  });

  it('deletes a task: 200, then 204, then 404 on GET', async () => {
    expect((await h.arm('DELETE', task(2))).status).toBe(200);
    expect((await h.arm('DELETE', task(2))).status).toBe(204);
    expect((await h.arm('GET', task(2))).status).toBe(404);
  });

  it('answers 404 for tasks of an unknown incident', async () => {
    expect((await h.arm('PUT', `/incidents/nope/tasks/t1`, { properties: { title: 'x', status: 'New' } })).status).toBe(404);
    expect((await h.arm('DELETE', `/incidents/nope/tasks/t1`)).status).toBe(404);
  });
});

describe('comments', () => {
  const comment = (n: number): string => `/incidents/${INCIDENT}/comments/${guid(n, 'ffffffff')}`;
  const commentsCount = async (): Promise<number> => (await h.arm('GET', `/incidents/${INCIDENT}`)).data.properties.additionalData.commentsCount;

  it('creates comments with the caller as author and keeps commentsCount', async () => {
    expect(await commentsCount()).toBe(0);
    const created = await h.arm('PUT', comment(1), { properties: { message: 'First look: the rule forwards everything.' } }, ada);
    expect(created.status).toBe(201);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentComment', created.data)).toBeNull();
    expect(created.data.properties).toMatchObject({ message: 'First look: the rule forwards everything.', author: who(ADA) });
    for (let n = 2; n <= 5; n++) await h.arm('PUT', comment(n), { properties: { message: `note ${n}` } }, grace);
    expect(await commentsCount()).toBe(5);
    const edited = await h.arm('PUT', comment(1), { properties: { message: 'Edited.' } }, grace);
    expect(edited.status).toBe(200);
    expect(edited.data.properties.author).toEqual(who(ADA));
    expect(await commentsCount()).toBe(5);
  });

  it('lists comments oldest first, pages them, and sorts newest first on request', async () => {
    const first = await h.arm('GET', `/incidents/${INCIDENT}/comments?$top=2`);
    expect(first.data.value.map((c: { name: string }) => c.name)).toEqual([guid(1, 'ffffffff'), guid(2, 'ffffffff')]);
    expect(schemaErrors(INCIDENTS_SWAGGER, 'IncidentCommentList', first.data)).toBeNull();
    const all: string[] = first.data.value.map((c: { name: string }) => c.name);
    let next: string | undefined = first.data.nextLink;
    while (next) {
      const page = await h.call('GET', next.slice(h.url.length));
      all.push(...page.data.value.map((c: { name: string }) => c.name));
      next = page.data.nextLink;
    }
    expect(all).toEqual([1, 2, 3, 4, 5].map((n) => guid(n, 'ffffffff')));
    const newest = await h.arm('GET', `/incidents/${INCIDENT}/comments?$orderby=${encodeURIComponent('properties/createdTimeUtc desc')}&$top=1`);
    expect(newest.data.value[0].name).toBe(guid(5, 'ffffffff'));
    expect((await h.arm('GET', `/incidents/${INCIDENT}/comments?$filter=x`)).status).toBe(400);
  });

  it('requires a message of at most 30000 characters', async () => {
    expect((await h.arm('PUT', comment(9), { properties: {} })).status).toBe(400);
    expect((await h.arm('PUT', comment(9), { properties: { message: '   ' } })).status).toBe(400);
    const tooLong = await h.arm('PUT', comment(9), { properties: { message: 'm'.repeat(30001) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.error.message).toMatch(/at most 30000/);
    expect((await h.arm('PUT', comment(9), { properties: { message: 'm'.repeat(30000) } })).status).toBe(201);
  });

  it('deletes a comment: 200, then 204, and commentsCount follows', async () => {
    const before = await commentsCount();
    expect((await h.arm('DELETE', comment(9))).status).toBe(200);
    expect((await h.arm('DELETE', comment(9))).status).toBe(204);
    expect(await commentsCount()).toBe(before - 1);
  });
});
