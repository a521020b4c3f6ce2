/** Entra's refusals of an on-behalf-of exchange, as MSAL reports them, mapped to what the person must do. */
import { expiryOf, outageOf, signInReasonOf, subjectOf } from '../../src/azure/oboCredential';

describe("Entra's refusals of the person's token", () => {
  it.each([
    ['invalid_grant: AADSTS500133: Assertion is not within its valid time range.', 'expired'],
    ['invalid_grant: AADSTS65001: The user or administrator has not consented to use the application.', 'consent'],
    ['consent_required: something', 'consent'],
    ['interaction_required: AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.', 'claims'],
    ['AADSTS53003: Access has been blocked by Conditional Access policies.', 'claims'],
  ])('reads %s as %s', (message, reason) => {
    expect(signInReasonOf(new Error(message))).toBe(reason);
  });

  it('leaves other failures (Entra unreachable, a wrong secret) to the usual sentence', () => {
    expect(signInReasonOf(new Error('invalid_client: AADSTS7000215: Invalid client secret provided.'))).toBeUndefined();
    expect(signInReasonOf(new Error('network_error: ECONNREFUSED'))).toBeUndefined();
    expect(signInReasonOf('AADSTS500133')).toBeUndefined();
  });

  it("reads a token's expiry without trusting it, and gives up on garbage", () => {
    const jwt = `e30.${Buffer.from(JSON.stringify({ exp: 1_900_000_000 })).toString('base64url')}.`;
    expect(expiryOf(jwt)).toBe(1_900_000_000_000);
    expect(expiryOf('not a token')).toBeUndefined();
  });
});

describe('Entra down or throttling, as MSAL reports it after its retries', () => {
  it.each([
    ['temporarily_unavailable: Error(s): Not Available - Description: AADSTS90033: A transient error has occurred.', 'unavailable'],
    ['server_error: AADSTS90000: Internal error', 'unavailable'],
    ['endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error', 'unavailable'],
    ['network_error: connect ECONNREFUSED 127.0.0.1:443', 'unavailable'],
    ['throttled: too many requests', 'throttled'],
    ['AADSTS50196: The server terminated an operation because it encountered a client request loop.', 'throttled'],
  ])('reads %s as %s', (message, outage) => {
    expect(outageOf(new Error(message))).toBe(outage);
  });

  it('leaves refusals that the person or an admin must resolve alone', () => {
    expect(outageOf(new Error('invalid_client: AADSTS7000215: Invalid client secret provided.'))).toBeUndefined();
    expect(outageOf(new Error('invalid_grant: AADSTS500133: Assertion is not within its valid time range.'))).toBeUndefined();
  });
});

describe("whose token it is (oid, tid), read without trusting it", () => {
  const jwt = (claims: object): string => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

  it('reads object id and tenant, lower-cased', () => {
    expect(subjectOf(jwt({ oid: 'AB-CD', tid: 'EF' }))).toEqual({ objectId: 'ab-cd', tenantId: 'ef' });
  });

  it.each([['no tenant', jwt({ oid: 'a' })], ['a number for oid', jwt({ oid: 1, tid: 't' })], ['an array', jwt([1])], ['garbage', 'not a token'], ['empty', '']])('names nobody for %s', (_what, token) => {
    expect(subjectOf(token)).toBeUndefined();
  });
});
