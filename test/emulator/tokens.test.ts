/**
 * The emulator checks bearer tokens as ARM and Log Analytics do, and answers in their words:
 * a token it did not sign, an expired one, another tenant's, one for another resource, and a
 * caller with no role on the workspace (reads included).
 */
import { ALEX, ISAIAH } from '../../src/demo/identities';
import { mintToken, startHarness, tokenFor, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('demo');
});
afterAll(async () => h.stop());

const alex = { oid: ALEX.objectId, name: ALEX.name, upn: ALEX.userPrincipalName };
const OTHER_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Each refused token, for ARM (code, message) and for the query API (status, inner code). */
const cases: Array<[string, () => Promise<string>, string, RegExp, number, string]> = [
  ['an opaque token', async () => 'opaque-token', 'InvalidAuthenticationToken', /^The access token is invalid\.$/, 401, 'InvalidTokenSignature'],
  ['an unsigned JWT', async () => tokenFor(ALEX), 'InvalidAuthenticationToken', /^The access token is invalid\.$/, 401, 'InvalidTokenSignature'],
  [
    'a token whose claims were changed after signing',
    async () => {
      const [head, , sig] = (await mintToken(h.url, alex)).split('.');
      return `${head}.${Buffer.from(JSON.stringify({ ...alex, oid: ISAIAH.objectId, exp: 9999999999, iss: 'x' })).toString('base64url')}.${sig}`;
    },
    'InvalidAuthenticationToken',
    /^The access token is invalid\.$/,
    401,
    'InvalidTokenSignature',
  ],
  ['an expired token', () => mintToken(h.url, alex, { expiresInSeconds: -3600 }), 'ExpiredAuthenticationToken', /^The access token expiry UTC time '.+ [AP]M' is earlier than current UTC time '.+ [AP]M'\.$/, 401, 'TokenExpired'],
  ["another tenant's token", () => mintToken(h.url, alex, { tenantId: OTHER_TENANT }), 'InvalidAuthenticationTokenTenant', new RegExp(`^The access token is from the wrong issuer 'https://sts.windows.net/${OTHER_TENANT}/'`), 401, 'InvalidIssuer'],
  ['a token for Microsoft Graph', () => mintToken(h.url, alex, { scope: 'https://graph.microsoft.com/.default' }), 'InvalidAuthenticationTokenAudience', /wrong audience or resource 'https:\/\/graph.microsoft.com'/, 403, 'InvalidAudience'],
];

describe('tokens refused', () => {
  it.each(cases)('ARM refuses %s with 401 %s', async (_, token, code, message) => {
    const res = await h.arm('GET', '/incidents', undefined, { rawToken: await token() });
    expect(res.status).toBe(401);
    expect(res.data.error.code).toBe(code);
    expect(res.data.error.message).toMatch(message);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer authorization_uri="https:\/\/login.windows.net\/[0-9a-f-]+", error="invalid_token"/);
  });

  it.each(cases)('Log Analytics refuses %s with InvalidTokenError', async (_, token, _code, _message, status, inner) => {
    const res = await h.query('SecurityIncident | take 1', 'P1D', { rawToken: await token() });
    expect(res.status).toBe(status);
    expect(res.data.error).toMatchObject({ code: 'InvalidTokenError', message: 'The provided authentication is not valid for this resource', innererror: { code: inner } });
  });

  it('refuses every token issued before the signing key rotated, and accepts a fresh one', async () => {
    const before = await mintToken(h.url, alex);
    expect((await h.arm('GET', '/incidents', undefined, { rawToken: before })).status).toBe(200);
    await h.control.rotateTokenKey();
    expect((await h.arm('GET', '/incidents', undefined, { rawToken: before })).status).toBe(401);
    expect((await h.arm('GET', '/incidents', undefined, { rawToken: await mintToken(h.url, alex) })).status).toBe(200);
  });
});

describe('a caller with no role on the workspace', () => {
  beforeAll(async () => h.control.revokeRole(ISAIAH.objectId));
  afterAll(async () => h.control.grantRole(ISAIAH.objectId, 'Responder'));

  it('is refused reads by ARM with AuthorizationFailed naming the read action', async () => {
    const res = await h.arm('GET', '/incidents', undefined, { token: tokenFor(ISAIAH) });
    expect(res.status).toBe(403);
    expect(res.data.error.code).toBe('AuthorizationFailed');
    expect(res.data.error.message).toMatch(new RegExp(`^The client '${ISAIAH.userPrincipalName}' with object id '${ISAIAH.objectId}' does not have authorization to perform action 'Microsoft.SecurityInsights/incidents/read'`));
  });

  it('is refused queries by Log Analytics with InsufficientAccessError', async () => {
    const res = await h.query('SecurityIncident | take 1', 'P1D', { token: tokenFor(ISAIAH) });
    expect(res.status).toBe(403);
    expect(res.data.error).toMatchObject({ code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access to perform the requested operation' });
  });

  it('is refused writes', async () => {
    const res = await h.arm('PUT', '/incidents/aaaaaaaa-0000-4000-8000-000000000099', { properties: { title: 't', severity: 'Low', status: 'New' } }, { token: tokenFor(ISAIAH) });
    expect(res.status).toBe(403);
    expect(res.data.error.message).toContain("'Microsoft.SecurityInsights/incidents/write'");
  });
});
