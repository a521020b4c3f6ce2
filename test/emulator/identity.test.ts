/** Who the caller is: read from a JWT's claims (unverified), else the fixed emulator client. */
import { bearerToken, callerFromToken, EMULATOR_CLIENT } from '../../src/emulator/identity';

const jwt = (claims: object): string => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('caller identity', () => {
  it('reads the bearer token of the Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   xyz ')).toBe('xyz');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('names a user from oid, name and upn', () => {
    expect(callerFromToken(jwt({ oid: '8E1C9D44-6A0F-4F4B-B3B5-0A5F1E2D7C90', name: 'Ada Lovelace', upn: 'ada@contoso.com' }))).toEqual({
      name: 'Ada Lovelace',
      objectId: '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90',
      userPrincipalName: 'ada@contoso.com',
      email: 'ada@contoso.com',
    });
    expect(callerFromToken(jwt({ name: 'Grace', preferred_username: 'grace@contoso.com', email: 'g@contoso.com' }))).toEqual({ name: 'Grace', userPrincipalName: 'grace@contoso.com', email: 'g@contoso.com' });
  });

  it('names an application from appid when it has no name', () => {
    expect(callerFromToken(jwt({ oid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', appid: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }))).toEqual({
      name: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      objectId: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      userPrincipalName: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
    });
  });

  it('leaves out an oid that is not a GUID', () => {
    expect(callerFromToken(jwt({ oid: 'user-1', name: 'X' }))).toEqual({ name: 'X' });
  });

  it('falls back to the fixed client for opaque or unreadable tokens', () => {
    for (const token of ['opaque', 'a.b', 'a.!!!.c', `x.${Buffer.from('not json').toString('base64url')}.y`, `x.${Buffer.from('[1]').toString('base64url')}.y`]) {
      expect(callerFromToken(token)).toEqual(EMULATOR_CLIENT);
    }
  });
});
