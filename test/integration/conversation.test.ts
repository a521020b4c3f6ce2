/** The rest of the incident conversation, end to end against the emulator. */
import { randomUUID } from 'node:crypto';
import { ADA, ALEX } from '../../src/demo/identities';
import { EmulatorControl } from '../emulator/helpers/controlClient';
import { cardOf, cardTexts, chat, startBotHarness, type BotHarness, type Json } from '../helpers/botHarness';
import { probe } from '../helpers/sentinelProbe';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h.stop());

async function texts(text: string, user = ALEX): Promise<string[]> {
  const replies = await chat(h.botUrl, user).say(text);
  return replies.flatMap((r) => [r.text ?? '', ...cardTexts(cardOf(r))]).filter(Boolean);
}

async function comments(incidentNumber: number): Promise<string[]> {
  // Attribution comments are written in the background, after the answer.
  await h.app.attributions.drain();
  const { sentinel } = probe(h);
  const incident = await sentinel.getIncidentByNumber(incidentNumber);
  return (await sentinel.listComments(incident.name)).map((c) => c.properties.message);
}

describe('my incidents', () => {
  it("lists the sender's open incidents, newest first, and not closed ones", async () => {
    const t = await texts('my incidents', ALEX);
    expect(t).toEqual(expect.arrayContaining(['Open incidents of Alex Wilber', 'Mass download from SharePoint by a departing employee']));
    expect(t.join(' ')).not.toContain('405210');
    const ada = await texts('my incidents', ADA);
    expect(ada).toContain('#405211');
    expect(ada).not.toContain('#405210');
  });

  it('says so when nothing is open', async () => {
    // A new hire the admin has already made a responder on the workspace.
    await new EmulatorControl(h.emulatorUrl).grantRole('99999999-9999-4999-8999-999999999999', 'Responder');
    const t = await texts('my incidents', { ...ALEX, objectId: '99999999-9999-4999-8999-999999999999', name: 'New Hire' });
    expect(t.join(' ')).toContain('Nothing assigned to you is open');
  });
});

describe('severity and status', () => {
  it('sets the severity with an attribution comment', async () => {
    const t = await texts('set severity of 405209 to high');
    expect(t).toContain('Severity of incident 405209 is now High.');
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.severity).toBe('High');
    expect(await comments(405209)).toContain('Severity set to High via Teams by Alex Wilber.');
  });

  it('sets the status from the card button, replacing the card', async () => {
    const answer = await chat(h.botUrl).press('incident.setStatus', { incidentNumber: 405208, status: 'Active' });
    expect(cardTexts(answer.body?.value)).toContain('Status of incident 405208 is now Active.');
  });

  it('refuses a severity change on a closed incident, explaining how to reopen', async () => {
    const t = await texts('set severity of 405210 to high');
    expect(t.join(' ')).toContain('Incident 405210 is closed');
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).properties.severity).toBe('Low');
  });

  it('rejects a forged status value inside the incident card, changing nothing', async () => {
    const before = (await probe(h).sentinel.getIncidentByNumber(405208)).properties.status;
    const answer = await chat(h.botUrl).press('incident.setStatus', { incidentNumber: 405208, status: 'Closed' });
    const t = cardTexts(answer.body?.value);
    expect(t.join(' ')).toContain('Choose a status, New or Active, then press Set status.');
    expect(t).toContain('Incident 405208');
    expect((await probe(h).sentinel.getIncidentByNumber(405208)).properties.status).toBe(before);
  });

  it('Set status with no choice made answers with the same card, the error in it and the chosen severity kept', async () => {
    const answer = await chat(h.botUrl).press('incident.setStatus', { incidentNumber: 405208, severity: 'Informational' });
    const json = JSON.stringify(answer.body?.value);
    const card = answer.body?.value as { card?: unknown } | undefined;
    expect(cardTexts(card)).toContain('Incident 405208');
    expect(json).toMatch(/"text":"Choose a status, New or Active, then press Set status.","color":"Attention"/);
    expect(json).toMatch(/"id":"severity","label":"Severity","style":"compact","value":"Informational"/);
    // The error is about that press: the card's automatic refresh does not bring it back.
    expect(json).toMatch(/"verb":"incident.refresh","data":\{"incidentNumber":405208,"banner":"","tone":"attention"\}/);
  });
});

describe('close', () => {
  it('warns about open tasks, listing them, and closes only when confirmed', async () => {
    const form = cardTexts(cardOf((await chat(h.botUrl).say('close 405209'))[0]));
    expect(form).toEqual(expect.arrayContaining(['Close incident 405209', '1 task is still open:', '• Preserve the audit log of the downloads', 'Close with 1 open task']));
    const unconfirmed = await chat(h.botUrl).press('incident.close', { incidentNumber: 405209, classification: 'BenignPositive:SuspiciousButExpected', confirmedOpenTasks: 0 });
    expect(cardTexts(unconfirmed.body?.value).join(' ')).toContain('The open tasks changed');
    expect((await probe(h).sentinel.getIncidentByNumber(405209)).properties.status).not.toBe('Closed');
    const noClass = await chat(h.botUrl).press('incident.close', { incidentNumber: 405209, confirmedOpenTasks: 1 });
    expect(cardTexts(noClass.body?.value).join(' ')).toContain('choose a classification');
    const closed = await chat(h.botUrl).press('incident.close', { incidentNumber: 405209, classification: 'BenignPositive:SuspiciousButExpected', classificationComment: 'HR confirmed the transfer.', confirmedOpenTasks: 1 });
    expect(cardTexts(closed.body?.value)).toContain('Incident 405209 is closed as Benign positive: suspicious but expected. 1 task was still open.');
    const incident = await probe(h).sentinel.getIncidentByNumber(405209);
    expect(incident.properties).toMatchObject({ status: 'Closed', classification: 'BenignPositive', classificationReason: 'SuspiciousButExpected', classificationComment: 'HR confirmed the transfer.' });
    expect(await comments(405209)).toContain('Closed as BenignPositive (SuspiciousButExpected) via Teams by Alex Wilber.');
  });

  it('answers that a closed incident is already closed, and reopens it once confirmed', async () => {
    expect((await texts('close 405210')).join(' ')).toContain('Incident 405210 is already closed.');
    const alex = chat(h.botUrl, ALEX);
    const ask = cardOf((await alex.say('reopen 405210'))[0]);
    expect(cardTexts(ask)).toContain('Reopen incident 405210?');
    expect((await probe(h).sentinel.getIncidentByNumber(405210)).properties.status).toBe('Closed');
    const confirm = (ask?.actions as Array<{ title?: string; verb?: string; data?: Json }> | undefined)?.find((a) => a.title === 'Reopen incident');
    const done = (await alex.press(confirm?.verb ?? '', confirm?.data ?? {})).body?.value;
    expect(cardTexts(done)).toContain('Incident 405210 is open again (Active); its classification was cleared.');
    const reopened = await probe(h).sentinel.getIncidentByNumber(405210);
    expect(reopened.properties.classification).toBeUndefined();
  });
});

describe('comments', () => {
  it('adds a signed comment', async () => {
    expect((await texts('comment 405211 Called the user: the forwarding rule was not theirs.')).join(' ')).toContain('Added your comment to incident 405211.');
    expect(await comments(405211)).toContain('Called the user: the forwarding rule was not theirs.\n\n— Alex Wilber, via Teams');
  });

  it('refuses an empty or oversized comment', async () => {
    expect((await texts('comment 405211')).join(' ')).toContain('What should the comment say?');
    expect((await texts(`comment 405211 ${'x'.repeat(30000)}`)).join(' ')).toContain('A comment can have at most 29800 characters');
  });
});

describe('tasks', () => {
  it('completes a task by its number and answers with the updated list', async () => {
    const t = await texts('complete task 2 of 405211');
    expect(t).toEqual(expect.arrayContaining(['Completed "Remove the forwarding rule and check for other rules".', 'Both done']));
    expect(await comments(405211)).toContain('Task completed via Teams by Alex Wilber: Remove the forwarding rule and check for other rules');
  });

  it('adds tasks, asks which one when a title is ambiguous, and completes the chosen one', async () => {
    await texts('add task Check sign-in logs for the VPN to 405208');
    const added = await texts('add task Check sign-in logs for the proxy to 405208');
    expect(added).toEqual(expect.arrayContaining(['2. Check sign-in logs for the proxy', '2 tasks still open']));
    const choice = await chat(h.botUrl).say('complete task check sign-in logs of 405208');
    const card = cardOf(choice[0]) as Json;
    expect(cardTexts(card)).toEqual(expect.arrayContaining(['Which task of incident 405208?', 'Check sign-in logs for the VPN', 'Check sign-in logs for the proxy']));
    const button = JSON.stringify(card).match(/"title":"Check sign-in logs for the proxy","verb":"task.complete","data":\{"incidentNumber":"?405208"?,"taskId":"([^"]+)"/);
    expect(button).not.toBeNull();
    const done = await chat(h.botUrl).press('task.complete', { incidentNumber: 405208, taskId: button![1] });
    expect(cardTexts(done.body?.value)).toEqual(expect.arrayContaining(['Completed "Check sign-in logs for the proxy".', '1 task still open, 1 done']));
  });

  it('answers clearly for a task that does not exist and for a closed incident', async () => {
    expect((await texts('complete task 9 of 405211')).join(' ')).toContain("I couldn't find that task on incident 405211");
    expect((await texts('add task Late idea to 405207')).join(' ')).toContain('Incident 405207 is closed');
  });

  it('Complete on a closed incident answers inside the tasks card, with the reason, and changes nothing', async () => {
    const { sentinel } = probe(h);
    const incident = await sentinel.getIncidentByNumber(405207);
    const before = (await sentinel.listTasks(incident.name)).map((t) => t.properties.status);
    const answer = await chat(h.botUrl).press('task.complete', { incidentNumber: 405207, taskId: 'b2e1d4c3-1c2f-4d6e-9f0a-161718192021' });
    const t = cardTexts(answer.body?.value);
    expect(t).toContain('Tasks of incident 405207');
    expect(t.join(' ')).toContain('Incident 405207 is closed');
    expect(JSON.stringify(answer.body?.value)).toMatch(/"text":"Incident 405207 is closed(?:[^"\\]|\\.)*","color":"Attention"/);
    expect((await sentinel.listTasks(incident.name)).map((x) => x.properties.status)).toEqual(before);
  });

  it("completes a task Sentinel created with the tasks card's own Complete button", async () => {
    const { sentinel } = probe(h);
    const incident = await sentinel.getIncidentByNumber(405208);
    const taskId = randomUUID();
    await sentinel.createOrUpdateTask(incident.name, taskId, { title: 'Made in the portal', status: 'New' });
    const [reply] = await chat(h.botUrl, ADA).say('show tasks for 405208');
    const buttons: Json[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Json;
        if (o.verb === 'task.complete' && String((o.data as Json | undefined)?.taskId).endsWith(taskId)) buttons.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(cardOf(reply));
    expect(buttons).toHaveLength(1);
    const answer = await chat(h.botUrl, ADA).press('task.complete', buttons[0]?.data as Json);
    expect(cardTexts(answer.body?.value).join(' ')).toContain('Made in the portal');
    expect(answer.body?.value).not.toMatchObject({ body: expect.arrayContaining([expect.objectContaining({ text: expect.stringContaining("couldn't find") })]) });
    const tasks = await sentinel.listTasks(incident.name);
    expect(tasks.find((t) => t.properties.title === 'Made in the portal')?.properties.status).toBe('Completed');
  });

  it('shows the task history, including the deleted test task', async () => {
    const t = await texts('task history for 405211');
    expect(t).toContain('Task history of incident 405211');
    const story = t.join('\n');
    for (const line of ["Created: \nRevoke the user's sessions and reset the password", 'Created: \nThis task is a test task!', 'Completed: \nThis task is a test task!', 'Deleted: \nThis task is a test task!']) {
      expect(story).toContain(line);
    }
    expect(t.find((x) => x.startsWith('by Grace Hopper'))).toBeDefined();
  });

  it('lists loose ends: closed incidents with open tasks', async () => {
    const t = await texts('loose ends');
    expect(t).toEqual(expect.arrayContaining(['Incident 405207: ', 'Impossible travel: sign-ins from Lisbon and Singapore within 40 minutes', '○ Block legacy authentication for the account']));
    expect(t.join(' ')).not.toContain('Confirm the travel with the user');
  });
});

describe('unknown incidents', () => {
  it.each(['set severity of 999999 to low', 'close 999999', 'comment 999999 hi', 'complete task 1 of 999999', 'add task x to 999999', 'task history for 999999'])('%s gets a clear answer', async (text) => {
    const t = (await texts(text)).join(' ');
    expect(t).toContain("I couldn't find incident 999999");
  });
});
