import { feedDigestCard } from '../../../src/bot/cards/feedCards';
import { cardTexts } from '../../helpers/botHarness';

describe('the feed digest shows titles as typed', () => {
  it('template expressions, mustache, markdown and HTML in a title are text, never expanded', () => {
    const titles = ['${heading}', '${$root.digest} ${foo}', '{{x}} <b>bold</b>', '**bold** [link](https://evil.example)'];
    const rows = titles.map((title, i) => ({ number: 100 + i, severity: 'High', title }));
    const texts = cardTexts(feedDigestCard(rows, 'digest-1'));
    for (const t of titles) expect(texts).toContain(t);
    expect(texts).not.toContain('digest-1');
    expect(JSON.stringify(feedDigestCard(rows, 'digest-1'))).toContain('"type":"TextRun","text":"**bold** [link](https://evil.example)"');
  });
});
