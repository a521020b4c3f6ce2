/** The Log Analytics query API: the request the swagger describes, and typed rows out of loosely typed cells. */
import { isTimespan } from '../../src/sentinel/auditLogClient';
import { parseCell, parseTable } from '../../src/sentinel/queryTable';
import { example } from './helpers/fakes';
import { harness } from './helpers/harness';
import { useScriptedServer } from './helpers/scriptedServer';

const server = useScriptedServer();

const laExample = example('la-post-example.json');

describe('AuditLogClient.query', () => {
  it('POSTs the la-post-example body to /v1/workspaces/{id}/query with a bearer token', async () => {
    server.script({ status: 200, body: laExample.responses['200']!.body });
    const h = harness(server);
    const body = laExample.parameters.body as { query: string; timespan: string };
    const table = await h.audit.query(body.query, { timespan: body.timespan });
    const r = server.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(`/v1/workspaces/${String(laExample.parameters.workspaceId)}/query`);
    expect(r.headers.authorization).toBe('Bearer opaque-secret-token-value-1');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body).toEqual(body);
    expect(table.columns).toHaveLength(21);
    expect(table.rows).toHaveLength(2);
    // The example sends longs, reals and bools as text; they come out typed. Datetimes stay ISO text.
    expect(table.rows[0]).toMatchObject({
      Computer: 'ContosoSQLSrv1',
      TimeGenerated: '2017-08-24T06:59:59Z',
      LinkedResourceUri: null,
      BatchesWithinSla: 1,
      BatchesOutsideSla: 0,
      AvgLatencyInSeconds: 1.286,
      Quantity: 0.076408,
      IsBillable: true,
    });
  });

  it('parses the SecurityIncident shapes: dynamic JSON text, numbers as numbers or text', async () => {
    server.script({
      status: 200,
      body: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [
              { name: 'IncidentNumber', type: 'int' },
              { name: 'Owner', type: 'dynamic' },
              { name: 'Tasks', type: 'dynamic' },
              { name: 'Labels', type: 'dynamic' },
              { name: 'Comment', type: 'dynamic' },
              { name: 'AlertsCount', type: 'long' },
              { name: 'Ok', type: 'bool' },
              { name: 'LastModifiedTime', type: 'datetime' },
            ],
            rows: [
              [405211, '{"objectId":"a1","assignedTo":"Ana"}', '[{"title":"Isolate host","status":"Completed"}]', '[]', 'not json {', '12', false, '2026-11-20T09:15:00Z'],
              ['405212', { objectId: null }, null, '', 'plain', 3, 'False', null],
            ],
          },
        ],
      },
    });
    const h = harness(server);
    const table = await h.audit.query('SecurityIncident | take 2', { timespan: 'P90D' });
    expect(table.rows).toEqual([
      {
        IncidentNumber: 405211,
        Owner: { objectId: 'a1', assignedTo: 'Ana' },
        Tasks: [{ title: 'Isolate host', status: 'Completed' }],
        Labels: [],
        Comment: 'not json {',
        AlertsCount: 12,
        Ok: false,
        LastModifiedTime: '2026-11-20T09:15:00Z',
      },
      { IncidentNumber: 405212, Owner: { objectId: null }, Tasks: null, Labels: '', Comment: 'plain', AlertsCount: 3, Ok: false, LastModifiedTime: null },
    ]);
  });

  it('returns an empty table when there is none', async () => {
    server.script({ status: 200, body: { tables: [] } });
    const h = harness(server);
    expect(await h.audit.query('T', { timespan: 'PT1H' })).toEqual({ columns: [], rows: [] });
  });

  it('never returns a partial result as complete: typed as partial, or refused', async () => {
    const partial = {
      tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'int' }], rows: [[1]] }],
      error: {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [{ code: 'EngineError', message: 'Something went wrong processing your query on the server.', innererror: { code: 'E_QUERY_RESULT_SET_TOO_LARGE', message: 'Query result set has exceeded the internal record count limit 500000' } }],
      },
    };
    server.script({ status: 200, body: partial }, { status: 200, body: partial });
    const h = harness(server);
    const outcome = await h.audit.queryWorkspace('T', { timespan: 'PT1H' });
    expect(outcome).toEqual({
      status: 'PartialFailure',
      partialTable: { columns: [{ name: 'n', type: 'int' }], rows: [{ n: 1 }] },
      partialError: { code: 'PartialError', message: 'There were some errors when processing your query.', detail: 'Query result set has exceeded the internal record count limit 500000' },
    });
    await expect(h.audit.query('T', { timespan: 'PT1H' })).rejects.toMatchObject({ code: 'PARTIAL_RESULT', serviceCode: 'PartialError' });
  });

  it('sends identical queries in flight once and shares the answer; different ones go separately', async () => {
    const table = { tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'int' }], rows: [[7]] }] };
    server.script({ status: 200, body: table }, { status: 200, body: table }, { status: 200, body: table });
    const h = harness(server);
    const answers = await Promise.all([1, 2, 3, 4].map(() => h.audit.query('SecurityIncident | count', { timespan: 'P1D' })));
    expect(answers.every((a) => a.rows[0]?.n === 7)).toBe(true);
    expect(server.received).toHaveLength(1);
    await Promise.all([h.audit.query('SecurityIncident | count', { timespan: 'P2D' }), h.audit.query('SecurityIncident | take 1', { timespan: 'P1D' })]);
    expect(server.received).toHaveLength(3);
    expect(h.audit.stats().sharedInFlight).toBe(3);
  });

  it('asks the service to bypass its result cache only when told to', async () => {
    server.script({ status: 200, body: { tables: [] } }, { status: 200, body: { tables: [] } });
    const h = harness(server);
    await h.audit.query('T', { timespan: 'P1D' });
    await h.audit.query('T', { timespan: 'P1D', fresh: true });
    expect(server.received[0]!.headers['cache-control']).toBeUndefined();
    expect(server.received[1]!.headers['cache-control']).toBe('no-cache');
  });

  it('requires a timespan and a query before sending', async () => {
    const h = harness(server);
    for (const timespan of ['', 'forever', '90 days', 'P', 'PT', undefined as unknown as string]) {
      await expect(h.audit.query('SecurityIncident', { timespan })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    }
    await expect(h.audit.query('   ', { timespan: 'P1D' })).rejects.toMatchObject({ code: 'INVALID_QUERY' });
    expect(server.received).toHaveLength(0);
  });

  it('retries a 503 from the query API like any other', async () => {
    server.script({ status: 503 }, { status: 200, body: { tables: [] } });
    const h = harness(server);
    await h.audit.query('T', { timespan: 'P1D' });
    expect(server.received).toHaveLength(2);
    expect(h.audit.stats().retries).toBe(1);
  });
});

describe('timespans', () => {
  it.each(['P90D', 'PT12H', 'P1DT2H', 'PT30M', 'P1W', '2026-11-01T00:00:00Z/2026-11-20T00:00:00Z', '2026-11-01T00:00:00Z/P7D', 'P7D/2026-11-20T00:00:00Z', '2026-11-01/2026-11-02'])(
    '%s is accepted',
    (t) => expect(isTimespan(t)).toBe(true),
  );
  it.each(['', 'P', 'PT', '90d', 'P90D/P1D', 'a/b', '2026-11-01T00:00:00Z'])('%j is refused', (t) => expect(isTimespan(t)).toBe(false));
});

describe('parseCell', () => {
  it.each([
    ['dynamic', '{"a":1}', { a: 1 }],
    ['dynamic', '["x"]', ['x']],
    ['dynamic', '"quoted"', 'quoted'],
    ['dynamic', 'plain text', 'plain text'],
    ['dynamic', '{broken', '{broken'],
    ['dynamic', { a: 1 }, { a: 1 }],
    ['int', '42', 42],
    ['long', '-7', -7],
    ['real', '1.5e3', 1500],
    ['real', 'NaN', Number.NaN],
    ['real', 'Infinity', Number.POSITIVE_INFINITY],
    ['long', 'abc', null],
    ['int', '', null],
    ['bool', 'true', true],
    ['bool', 'False', false],
    ['bool', 1, true],
    ['bool', 'maybe', null],
    ['datetime', '2026-11-20T09:15:00Z', '2026-11-20T09:15:00Z'],
    ['string', '12', '12'],
    ['guid', 'a1', 'a1'],
    ['int', null, null],
  ])('%s %j -> %j', (type, value, expected) => {
    expect(parseCell(value, type)).toEqual(expected);
  });

  it('tolerates a table without rows or with short rows', () => {
    expect(parseTable({ name: 'PrimaryResult', columns: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }], rows: [[1]] }).rows).toEqual([{ a: 1, b: null }]);
    expect(parseTable({ name: 'x', columns: [{ name: 'a', type: 'int' }] }).rows).toEqual([]);
    expect(parseTable(undefined)).toEqual({ columns: [], rows: [] });
  });
});
