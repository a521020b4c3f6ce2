/** The mapping table: every word it holds, read in a sentence, becomes a confirmation of its value. */
import { parseCommand } from '../../../src/bot/commands';
import { mapValue, mappingSentence, VALUE_MAPPINGS } from '../../../src/bot/parsing/valueMap';

describe('the value mapping table', () => {
  it.each(VALUE_MAPPINGS.map((m): [string, string, string] => [m.word, m.change.field, m.change.value]))('%j as a %s is confirmed as %s, never written', (word, field, value) => {
    const text = field === 'severity' ? `set severity of 405211 to ${word}` : `set status of 405211 to ${word}`;
    expect(parseCommand(text)).toEqual({ kind: 'confirmValue', incidentNumber: 405211, change: { field, value }, typed: word });
  });

  it('maps only words it holds, and only for their own field', () => {
    expect(mapValue('severity', 'critical')).toEqual({ field: 'severity', value: 'High' });
    expect(mapValue('status', 'critical')).toBeUndefined();
    expect(mapValue('severity', 'severe')).toBeUndefined();
    expect(mapValue('severity', 'Sev 1')).toEqual({ field: 'severity', value: 'High' });
  });

  it('says the mapping in the answer', () => {
    expect(mappingSentence('severity', 'critical')).toBe('Sentinel has no severity "Critical"; the highest is High.');
    expect(mappingSentence('status', 'in progress')).toBe('Sentinel has no status "In progress"; an incident being worked on is Active.');
  });

  it('informational and its short form are Sentinel values, not mappings', () => {
    expect(parseCommand('set severity of 405211 to informational')).toEqual({ kind: 'setSeverity', incidentNumber: 405211, severity: 'Informational' });
    expect(parseCommand('set severity of 405211 to info')).toEqual({ kind: 'setSeverity', incidentNumber: 405211, severity: 'Informational' });
  });
});
