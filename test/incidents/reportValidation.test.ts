import { DEFAULT_VALUES, parseTags, RESPONDER_ONLY, validateReport } from '../../src/incidents/reportValidation';

const ADA_ID = '8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90';

const valid = { title: 'Phishing email pretending to be the CEO', description: 'It asked for gift cards.', severity: 'High', status: 'New', owner: 'me', tags: 'phishing, email' };

describe('validateReport', () => {
  it('accepts a complete report and normalizes it', () => {
    const r = validateReport({ ...valid, title: '  Phishing email pretending to be the CEO  ', tags: ' phishing , email,Phishing,, ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draft).toEqual({
      title: 'Phishing email pretending to be the CEO',
      description: 'It asked for gift cards.',
      severity: 'High',
      status: 'New',
      closure: undefined,
      owner: 'me',
      tags: ['phishing', 'email'],
    });
  });

  it('uses Sentinel defaults for what the card did not send', () => {
    const r = validateReport({ title: 'Something odd' });
    expect(r.ok && r.draft.severity).toBe('Medium');
    expect(r.ok && r.draft.status).toBe('New');
    expect(r.ok && r.draft.owner).toBe('none');
  });

  const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['empty title', { ...valid, title: '' }, 'title', /title/],
    ['blank title', { ...valid, title: '   ' }, 'title', /title/],
    ['invisible title', { ...valid, title: '\u200B\u200D\u202E' }, 'title', /title/],
    ['too long title', { ...valid, title: 'x'.repeat(251) }, 'title', /at most 250/],
    ['title of the wrong type', { ...valid, title: { $ne: 1 } }, 'title', /must be text/],
    ['title as an array', { ...valid, title: ['a'] }, 'title', /must be text/],
    ['5001-character description', { ...valid, description: 'd'.repeat(5001) }, 'description', /at most 5000/],
    ['unknown severity', { ...valid, severity: 'Critical' }, 'severity', /High, Medium, Low, Informational/],
    ['unknown status', { ...valid, status: 'Resolved' }, 'status', /New, Active, Closed/],
    ['closed without classification', { ...valid, status: 'Closed' }, 'classification', /classification/],
    ['true positive without reason', { ...valid, status: 'Closed', classification: 'TruePositive' }, 'classificationReason', /SuspiciousActivity/],
    ['mismatched reason', { ...valid, status: 'Closed', classification: 'FalsePositive', classificationReason: 'SuspiciousActivity' }, 'classificationReason', /IncorrectAlertLogic or InaccurateData/],
    ['owner that is not a choice', { ...valid, owner: 'the CEO' }, 'owner', /Assign to me/],
    ['a tag too long', { ...valid, tags: `ok, ${'t'.repeat(51)}` }, 'tags', /at most 50/],
    ['thousands of tags', { ...valid, tags: Array.from({ length: 3000 }, (_, i) => `t${i}`).join(',') }, 'tags', /1200 characters/],
  ];

  it.each(bad)('rejects %s with an error on that field and keeps the other values', (_name, input, field, message) => {
    const r = validateReport(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[field as keyof typeof r.errors]).toMatch(message);
    expect(r.values.tags).toBe(typeof input.tags === 'string' ? input.tags.slice(0, 3000) : DEFAULT_VALUES.tags);
    expect(r.values.severity).toBe(typeof input.severity === 'string' ? input.severity : DEFAULT_VALUES.severity);
  });

  it('accepts the combined classification choice of the card', () => {
    const r = validateReport({ ...valid, status: 'Closed', classification: 'FalsePositive:InaccurateData', classificationComment: 'Test mail' });
    expect(r.ok && r.draft.closure).toEqual({ classification: 'FalsePositive', classificationReason: 'InaccurateData', classificationComment: 'Test mail' });
  });

  it('closes as Undetermined without a reason', () => {
    const r = validateReport({ ...valid, status: 'closed', classification: 'undetermined' });
    expect(r.ok && r.draft.closure).toEqual({ classification: 'Undetermined', classificationReason: undefined, classificationComment: undefined });
  });

  it('ignores extra fields of a forged payload', () => {
    const r = validateReport({ ...valid, incidentNumber: 1, properties: { owner: 'x' }, __proto__: { admin: true } });
    expect(r.ok).toBe(true);
  });

  it('treats a non-object payload as an empty form', () => {
    for (const input of [null, undefined, 'title', 42, []]) {
      const r = validateReport(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.title).toBeDefined();
    }
  });

  it('keeps emoji, right-to-left text and template-looking text as typed', () => {
    const title = '🚨 رسالة تصيد ${title} {{user}}';
    const r = validateReport({ ...valid, title });
    expect(r.ok && r.draft.title).toBe(title);
  });

  it('accepts a people-picker object id as owner', () => {
    const r = validateReport({ ...valid, owner: 'C7B6A5D4-2E1F-4A3B-9C8D-7E6F5A4B3C2D' });
    expect(r.ok && r.draft.owner).toEqual({ objectId: 'c7b6a5d4-2e1f-4a3b-9c8d-7e6f5a4b3c2d', name: '' });
  });
});

describe('parseTags', () => {
  it('splits, trims and de-duplicates case-insensitively, keeping the first spelling', () => {
    expect(parseTags('Phishing, email;phishing\nEMAIL, ,vip')).toEqual({ tags: ['Phishing', 'email', 'vip'] });
  });
  it('allows at most 20 tags', () => {
    expect(parseTags(Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')).error).toMatch(/At most 20 tags/);
  });
});

describe('validateReport for someone who is not a responder', () => {
  const asReporter = { mayTriage: false };
  const base = { title: 'Odd USB stick in the lobby', severity: 'Low' };

  it('creates the report as New, owned by nobody or by the reporter', () => {
    for (const owner of ['none', 'me', '']) {
      const r = validateReport({ ...base, status: 'New', owner }, asReporter);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.draft).toMatchObject({ status: 'New', closure: undefined, owner: owner === 'me' ? 'me' : 'none' });
    }
    const noStatus = validateReport(base, asReporter);
    expect(noStatus.ok && noStatus.draft.status).toBe('New');
  });

  it.each([
    ['a closed status with a classification', { status: 'Closed', classification: 'TruePositive:SuspiciousActivity' }, { status: RESPONDER_ONLY.status, classification: RESPONDER_ONLY.classification }],
    ['a closed status alone', { status: 'closed' }, { status: RESPONDER_ONLY.status }],
    ['an active status', { status: 'Active' }, { status: RESPONDER_ONLY.status }],
    ['a classification on a new report', { status: 'New', classification: 'FalsePositive:InaccurateData' }, { classification: RESPONDER_ONLY.classification }],
    ['a closing comment alone', { classificationComment: 'nothing to see' }, { classification: RESPONDER_ONLY.classification }],
    ['someone else as owner', { owner: ADA_ID }, { owner: RESPONDER_ONLY.owner }],
    ['everything at once', { status: 'Closed', classification: 'BenignPositive:SuspiciousButExpected', owner: ADA_ID }, { status: RESPONDER_ONLY.status, classification: RESPONDER_ONLY.classification, owner: RESPONDER_ONLY.owner }],
  ])('refuses %s with a sentence saying who may', (_name, fields, errors) => {
    const r = validateReport({ ...base, ...fields }, asReporter);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(errors);
  });

  it('lets a responder set all of it', () => {
    const r = validateReport({ ...base, status: 'Closed', classification: 'TruePositive:SuspiciousActivity', owner: ADA_ID }, { mayTriage: true });
    expect(r.ok && r.draft).toMatchObject({ status: 'Closed', owner: { objectId: ADA_ID } });
  });
});
