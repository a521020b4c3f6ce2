/**
 * The pages the app package links to (website, privacy, terms) answer 200 with HTML, name
 * the operator from settings, escaped, and cannot be turned into a script host.
 */
import axios from 'axios';
import { loadPages } from '../../src/pages/pages';
import { startBotHarness, type BotHarness } from '../helpers/botHarness';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ DEVELOPER_NAME: 'Fabrikam <SOC> & "Co"' });
});
afterAll(() => h.stop());

describe('website, privacy and terms pages', () => {
  it.each([
    ['/', /Sentinel Incidents/],
    ['/privacy', /Privacy statement/],
    ['/terms', /Terms of use/],
  ])('GET %s answers 200 with an HTML page', async (route, heading) => {
    const res = await axios.get<string>(`${h.botUrl}${route}`, { responseType: 'text', validateStatus: () => true });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.data).toMatch(heading);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.data).not.toMatch(/<script/i);
  });

  it("names the operator from DEVELOPER_NAME, HTML-escaped", async () => {
    const res = await axios.get<string>(`${h.botUrl}/privacy`, { responseType: 'text' });
    expect(res.data).toContain('Fabrikam &lt;SOC&gt; &amp; &quot;Co&quot;');
    expect(res.data).not.toContain('<SOC>');
    expect(res.data).not.toContain('{{operator}}');
  });

  it('says what data the bot handles and where it goes', () => {
    const privacy = loadPages().get('/privacy') ?? '';
    for (const topic of ['Microsoft Sentinel', 'Azure Storage', 'Application Insights', 'no message text']) expect(privacy).toContain(topic);
    expect(privacy).toContain('the organisation that runs this bot');
  });

  it('other paths still answer 404, and the health probes are unchanged', async () => {
    expect((await axios.get(`${h.botUrl}/privacy/../../etc/passwd`, { validateStatus: () => true })).status).not.toBe(200);
    expect((await axios.get(`${h.botUrl}/admin`, { validateStatus: () => true })).status).toBe(404);
    expect((await axios.get(`${h.botUrl}/healthz`)).data).toEqual({ status: 'ok' });
  });
});
