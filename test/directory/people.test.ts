/** Finding people by name or object id: the demo directory, and Microsoft Graph's users on the wire. */
import { ADA, ADELE, DEMO_USERS, GRACE } from '../../src/demo/identities';
import { GraphPeopleDirectory, StaticPeopleDirectory } from '../../src/directory/people';
import { CountingCredential } from '../sentinel/helpers/fakes';
import { useScriptedServer } from '../sentinel/helpers/scriptedServer';

const server = useScriptedServer();

describe('StaticPeopleDirectory', () => {
  const people = new StaticPeopleDirectory(DEMO_USERS);

  it.each([
    ['Ada Lovelace', [ADA.objectId]],
    ['ada', [ADA.objectId]],
    ['LOVELACE', [ADA.objectId]],
    ['ad', [ADA.objectId, ADELE.objectId]],
    ['grace.hopper', [GRACE.objectId]],
    ['Adèle', [ADELE.objectId]],
    ['Ada Vance', []],
    ['Bob', []],
  ])('%j finds %j', async (name, ids) => {
    expect((await people.search(name, 5)).map((p) => p.objectId)).toEqual(ids);
  });

  it('knows a person by object id in any case, and nobody else', async () => {
    expect(await people.get(ADA.objectId.toUpperCase())).toMatchObject({ name: 'Ada Lovelace', userPrincipalName: ADA.userPrincipalName });
    expect(await people.get('0f0f0f0f-1111-4222-8333-444455556666')).toBeUndefined();
  });
});

describe('GraphPeopleDirectory', () => {
  const graph = (): GraphPeopleDirectory => new GraphPeopleDirectory({ credential: new CountingCredential(), endpoint: server.url, http: { timeoutInMs: 1000, maxRetries: 0, maxRetryDelayInMs: 0 } });

  it('filters on the first word with the quote doubled, and keeps only users matching every word', async () => {
    server.script({ status: 200, body: { value: [
      { id: ADA.objectId, displayName: 'Ada Lovelace', userPrincipalName: ADA.userPrincipalName, mail: ADA.email, givenName: 'Ada', surname: 'Lovelace' },
      { id: ADELE.objectId, displayName: "O'Ada Vance", userPrincipalName: ADELE.userPrincipalName, givenName: "O'Ada", surname: 'Vance' },
      { id: 'not-a-guid', displayName: 'Ada Broken' },
    ] } });
    const found = await graph().search("o'ada vance", 5);
    expect(found.map((p) => p.objectId)).toEqual([ADELE.objectId]);
    const url = decodeURIComponent(server.received[0]?.url ?? '');
    expect(url).toContain("startswith(displayName,'o''ada')");
    expect(url.startsWith('/v1.0/users?')).toBe(true);
  });

  it("keeps a picker's injection attempt inside one OData string literal", async () => {
    server.script({ status: 200, body: { value: [] } });
    await graph().search("x')or(true", 5);
    const url = decodeURIComponent(server.received[0]?.url ?? '');
    // The quote is doubled, so the typed word stays one literal and adds no condition.
    expect(url).toContain("startswith(displayName,'x'')or(true')");
    expect(url).not.toContain("'x')or(true");
  });

  it('lists the first people for a picker opened before typing, bounded', async () => {
    server.script({ status: 200, body: { value: [{ id: ADA.objectId, displayName: 'Ada Lovelace' }, { id: 'nope', displayName: 'Broken' }] } });
    expect((await graph().first(500)).map((p) => p.objectId)).toEqual([ADA.objectId]);
    expect(decodeURIComponent(server.received[0]?.url ?? '')).toContain('$top=100');
  });

  it('answers a user unknown to Graph (404) as nobody, and never asks for an id that is not a GUID', async () => {
    server.script({ status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'not found' } } });
    expect(await graph().get(ADA.objectId)).toBeUndefined();
    expect(await graph().get('../../me')).toBeUndefined();
    expect(server.received).toHaveLength(1);
  });
});
