/** Azure roles in the emulator: a Reader reads and is refused every write exactly as ARM refuses it. */
import { ADA, MEGAN } from '../../src/demo/identities';
import { newIncident, startHarness, guid, tokenFor, type Harness } from './helpers/emulatorHarness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());

const ID = guid(7, 'abababab');

describe('role assignments', () => {
  it('lets the demo Reader read but refuses her writes with ARM AuthorizationFailed', async () => {
    expect((await h.arm('PUT', `/incidents/${ID}`, newIncident('created by a responder'), { token: tokenFor(ADA) })).status).toBe(201);
    const meg = { token: tokenFor(MEGAN) };
    expect((await h.arm('GET', `/incidents/${ID}`, undefined, meg)).status).toBe(200);
    expect((await h.query('SecurityIncident | take 1', undefined, meg)).status).toBe(200);
    const write = await h.arm('PUT', `/incidents/${ID}`, newIncident('changed by a reader'), meg);
    expect(write.status).toBe(403);
    expect(write.data.error.code).toBe('AuthorizationFailed');
    expect(write.data.error.message).toMatch(
      new RegExp(
        `^The client 'meganb@contoso.com' with object id '${MEGAN.objectId}' does not have authorization to perform action ` +
          `'Microsoft.SecurityInsights/incidents/write' over scope '/subscriptions/[^']+/providers/Microsoft.SecurityInsights/incidents/${ID}' ` +
          'or the scope is invalid. If access was recently granted, please refresh your credentials.$',
      ),
    );
    const task = await h.arm('PUT', `/incidents/${ID}/tasks/${guid(1, 'aaaaaaaa')}`, { properties: { title: 'x', status: 'New' } }, meg);
    expect(task.data.error.message).toContain("'Microsoft.SecurityInsights/incidents/tasks/write'");
    expect((await h.arm('GET', `/incidents/${ID}`, undefined, meg)).data.properties.title).toBe('created by a responder');
  });

  it('applies grants and revocations made through the control API at once', async () => {
    const meg = { token: tokenFor(MEGAN) };
    expect((await h.control.roles())[MEGAN.objectId]).toBe('Reader');
    await h.control.grantRole(MEGAN.objectId, 'Responder');
    expect((await h.arm('PUT', `/incidents/${ID}`, newIncident('changed by megan'), meg)).status).toBe(200);
    await h.control.grantRole(ADA.objectId, 'Reader');
    expect((await h.arm('DELETE', `/incidents/${ID}`, undefined, { token: tokenFor(ADA) })).data.error.message).toContain(
      "'Microsoft.SecurityInsights/incidents/delete'",
    );
    await h.control.revokeRole(ADA.objectId);
    await h.control.grantRole(MEGAN.objectId, 'Reader');
    expect((await h.arm('PUT', `/incidents/${ID}`, newIncident('again'), meg)).status).toBe(403);
  });
});
