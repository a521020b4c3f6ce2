import { ALEX } from '../../src/demo/identities';
import { LIMITS } from '../../src/incidents/limits';
import { describedWithReporter, reporterLine } from '../../src/incidents/reporterLine';

const alex = { objectId: ALEX.objectId, name: ALEX.name, email: ALEX.email };

describe('the reporter line', () => {
  it('names the person and their address when Teams gave one', () => {
    expect(reporterLine(alex)).toBe('Reported by Alex Wilber (alexw@contoso.com) from Microsoft Teams');
    expect(reporterLine({ objectId: ALEX.objectId, name: '', userPrincipalName: ALEX.userPrincipalName })).toBe('Reported by alexw@contoso.com from Microsoft Teams');
  });

  it('goes under the text when both fit, and is left out rather than cutting the text', () => {
    expect(describedWithReporter('hello', alex)).toBe('hello\n\nReported by Alex Wilber (alexw@contoso.com) from Microsoft Teams');
    const nearlyFull = '😀'.repeat(LIMITS.descriptionMax - 10);
    expect(describedWithReporter(nearlyFull, alex)).toBe(nearlyFull);
    expect(describedWithReporter(undefined, undefined)).toBeUndefined();
  });
});
