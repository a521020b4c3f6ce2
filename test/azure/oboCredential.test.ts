/** Entra's refusals of an on-behalf-of exchange, as MSAL reports them, mapped to what the person must do. */
import { expiryOf, signInReasonOf } from '../../src/azure/oboCredential';

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
