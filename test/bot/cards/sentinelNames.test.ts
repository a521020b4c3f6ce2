import { closingText } from '../../../src/bot/cards/format';
import { classificationText } from '../../../src/bot/cards/sentinelNames';

describe('Sentinel values in words', () => {
  it('reads a classification and its reason as a sentence, not as codes', () => {
    expect(classificationText('BenignPositive', 'SuspiciousButExpected')).toBe('Benign positive: suspicious but expected');
    expect(classificationText('FalsePositive', 'IncorrectAlertLogic')).toBe('False positive: incorrect alert logic');
    expect(classificationText('Undetermined')).toBe('Undetermined');
  });

  it('shows a code it does not know as sent rather than dropping it', () => {
    expect(classificationText('SomethingNew', 'NewReason')).toBe('SomethingNew: NewReason');
  });

  it('closing text on an incident card uses the words and keeps the comment', () => {
    expect(closingText({ classification: 'TruePositive', classificationReason: 'SuspiciousActivity', classificationComment: 'phishing confirmed' }))
      .toBe('True positive: suspicious activity (phishing confirmed)');
  });
});
