/**
 * The report conversation end to end: real bot over HTTP, real emulator over HTTP.
 */
import { ALEX } from '../../src/demo/identities';
import { cardOf, cardTexts, chat, findInput, startBotHarness, submissionIdOf, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h.stop();
});

const form = { description: 'Asked for gift cards by reply.', severity: 'High', status: 'New', owner: 'me', tags: 'phishing, email' };

async function incidentsTitled(title: string): Promise<number> {
  const all = await probe(h).sentinel.listIncidents({ top: 1000 });
  return all.filter((i) => i.properties.title === title).length;
}

describe('report -> review -> create', () => {
  it('creates the incident and answers with its number, owner and tags', async () => {
    const c = chat(h.botUrl);
    const [reply] = await c.say('report phishing email pretending to be the CEO');
    const formCard = cardOf(reply);
    expect(findInput(formCard, 'title')?.value).toBe('phishing email pretending to be the CEO');
    const submissionId = submissionIdOf(formCard);

    const review = await c.press('report.submit', { ...form, title: 'phishing email pretending to be the CEO', submissionId });
    expect(review.status).toBe(200);
    expect(review.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(review.body?.value)).toEqual(expect.arrayContaining(['Review your report', '▲ High', 'phishing, email', 'Alex Wilber (you)']));

    const created = await c.press('report.create', { submissionId });
    const texts = cardTexts(created.body?.value);
    const banner = texts.find((t) => /^Incident \d+ created/.test(t));
    expect(banner).toBeDefined();
    const number = Number(/Incident (\d+)/.exec(banner ?? '')?.[1]);
    expect(texts).toEqual(expect.arrayContaining(['phishing email pretending to be the CEO', 'Alex Wilber', 'phishing, email', 'New']));

    const incident = await probe(h).sentinel.getIncidentByNumber(number);
    expect(incident.properties).toMatchObject({
      title: 'phishing email pretending to be the CEO',
      description: 'Asked for gift cards by reply.\n\nReported by Alex Wilber from Microsoft Teams',
      severity: 'High',
      status: 'New',
      owner: { objectId: ALEX.objectId, assignedTo: 'Alex Wilber' },
    });
    expect(incident.properties.labels?.map((l) => l.labelName)).toEqual(['phishing', 'email']);
  });

  it('creates one incident when Create is pressed twice (double click, Teams retry)', async () => {
    const c = chat(h.botUrl);
    const title = `Double click ${Date.now()}`;
    const submissionId = submissionIdOf(cardOf((await c.say(`report ${title}`))[0]));
    await c.press('report.submit', { ...form, title, submissionId });
    const [first, second] = await Promise.all([c.press('report.create', { submissionId }), c.press('report.create', { submissionId })]);
    const third = await c.press('report.create', { submissionId });
    for (const answer of [first, second, third]) expect(cardTexts(answer.body?.value).join(' ')).toMatch(/Incident \d+ created|already created as incident \d+/);
    expect(cardTexts(third.body?.value).join(' ')).toMatch(/already created as incident \d+/);
    expect(await incidentsTitled(title)).toBe(1);
  });

  it('shows the form again with errors beside the bad fields and the values kept', async () => {
    const c = chat(h.botUrl);
    const submissionId = submissionIdOf(cardOf((await c.say('report'))[0]));
    const answer = await c.press('report.submit', { ...form, title: '   ', description: 'd'.repeat(5001), submissionId });
    const card = answer.body?.value as Json;
    const texts = cardTexts(card);
    expect(texts).toContain('Give the incident a title.');
    expect(texts).toContain('The description can have at most 5000 characters (it has 5001).');
    expect(findInput(card, 'severity')?.value).toBe('High');
    expect(findInput(card, 'tags')?.value).toBe('phishing, email');
    expect(submissionIdOf(card)).toBe(submissionId);
  });

  it('asks for a classification when the report is created as Closed', async () => {
    const c = chat(h.botUrl);
    const submissionId = submissionIdOf(cardOf((await c.say('report test mail'))[0]));
    const answer = await c.press('report.submit', { ...form, title: 'test mail', status: 'Closed', submissionId });
    expect(cardTexts(answer.body?.value)).toContain('To close the incident, choose a classification.');
    const ok = await c.press('report.submit', { ...form, title: 'test mail', status: 'Closed', classification: 'FalsePositive:InaccurateData', submissionId });
    expect(cardTexts(ok.body?.value).join(' ')).toContain('False positive: inaccurate data');
  });

  it('lets Edit go back to the form with everything kept', async () => {
    const c = chat(h.botUrl);
    const submissionId = submissionIdOf(cardOf((await c.say('report lost laptop'))[0]));
    await c.press('report.submit', { ...form, title: 'lost laptop', submissionId });
    const edit = await c.press('report.edit', { submissionId });
    expect(findInput(edit.body?.value, 'title')?.value).toBe('lost laptop');
    expect(findInput(edit.body?.value, 'tags')?.value).toBe('phishing, email');
  });

  it.each([
    ['typing cancel on the form', async (c: ReturnType<typeof chat>) => (await c.say('cancel')).map((a) => a.text ?? '').join(' ')],
    ['pressing Cancel on the form', async (c: ReturnType<typeof chat>, id: string) => cardTexts((await c.press('report.cancel', { submissionId: id })).body?.value).join(' ')],
    [
      'pressing Cancel on the review card',
      async (c: ReturnType<typeof chat>, id: string) => {
        await c.press('report.submit', { ...form, title: 'cancel me', submissionId: id });
        return cardTexts((await c.press('report.cancel', { submissionId: id })).body?.value).join(' ');
      },
    ],
    [
      'typing cancel on the review card',
      async (c: ReturnType<typeof chat>, id: string) => {
        await c.press('report.submit', { ...form, title: 'cancel me', submissionId: id });
        return (await c.say('cancel')).map((a) => a.text ?? '').join(' ');
      },
    ],
  ])('cancels by %s and creates nothing', async (_name, act) => {
    const c = chat(h.botUrl);
    const before = (await probe(h).sentinel.listIncidents({ top: 1000 })).length;
    const submissionId = submissionIdOf(cardOf((await c.say('report cancel me'))[0]));
    expect(await act(c, submissionId)).toContain('Report cancelled. Nothing was created.');
    const late = await c.press('report.create', { submissionId });
    expect(cardTexts(late.body?.value).join(' ')).toContain('cancelled or has expired');
    expect((await probe(h).sentinel.listIncidents({ top: 1000 })).length).toBe(before);
  });

  it('keeps the report open while other commands run, and reminds about it on small talk', async () => {
    const c = chat(h.botUrl);
    const submissionId = submissionIdOf(cardOf((await c.say('report in progress'))[0]));
    const tasks = await c.say('show tasks for 405211');
    expect(cardTexts(cardOf(tasks[0]))).toContain('Tasks of incident 405211');
    const chatter = await c.say('hmm what was it again');
    expect(chatter.map((a) => a.text).join(' ')).toContain('Your report card is waiting above');
    // A misspelt command is offered as meant; pressing it runs it and the report still waits.
    const misspelt = cardTexts(cardOf((await c.say('lose ends'))[0])).join(' ');
    expect(misspelt).toContain('Your report is still open above');
    expect(misspelt).toContain('loose ends');
    const shown = await c.press('suggestion.run', { text: 'loose ends' });
    expect(cardTexts(shown.body?.value).join(' ')).toContain('405207');
    const review = await c.press('report.submit', { ...form, title: 'report in progress', submissionId });
    expect(cardTexts(review.body?.value)).toContain('Review your report');
  });

  it('answers help during a report without dropping it, and cancel when nothing is open', async () => {
    const c = chat(h.botUrl);
    expect((await c.say('cancel')).map((a) => a.text).join(' ')).toContain("There's nothing to cancel right now.");
    const submissionId = submissionIdOf(cardOf((await c.say('report help me'))[0]));
    const help = await c.say('help');
    expect(cardTexts(cardOf(help[0]))).toContain('Your report is still open above. Type cancel to drop it. Other things I can do:');
    const review = await c.press('report.submit', { ...form, title: 'help me', submissionId });
    expect(cardTexts(review.body?.value)).toContain('Review your report');
    expect((await c.say('cancel')).map((a) => a.text).join(' ')).toContain('Report cancelled. Nothing was created.');
    expect((await c.say('cancel')).map((a) => a.text).join(' ')).toContain("There's nothing to cancel right now.");
  });

  it('answers a press on an old card of an earlier report', async () => {
    const c = chat(h.botUrl);
    const oldId = submissionIdOf(cardOf((await c.say('report first'))[0]));
    await c.say('report second');
    const answer = await c.press('report.submit', { ...form, title: 'first', submissionId: oldId });
    expect(cardTexts(answer.body?.value).join(' ')).toContain('belongs to an earlier report');
  });

  it('refuses "assign to me" for a user without a valid Entra object id, and keeps the form', async () => {
    const c = chat(h.botUrl, { objectId: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' });
    const submissionId = submissionIdOf(cardOf((await c.say('report odd login'))[0]));
    const answer = await c.press('report.submit', { ...form, title: 'odd login', submissionId });
    expect(cardTexts(answer.body?.value).join(' ')).toContain('no valid Microsoft Entra object id');
    expect(findInput(answer.body?.value, 'title')?.value).toBe('odd login');
  });
});
