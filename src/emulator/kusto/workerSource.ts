/**
 * The code of the worker thread that hosts Kusto.Language (Microsoft's KQL parser and binder,
 * a Bridge.NET build). It runs in a worker because loading it and warming it up costs about a
 * second of CPU: on the main thread that second would stall every request of the emulator and
 * of the bot sharing its process. The worker is plain JavaScript, evaluated from this string,
 * so it runs the same from compiled output and from the TypeScript sources under test.
 *
 * Protocol: workerData `{ bridgePath, kustoPath, database, tables: [{ name, columns: [{ name,
 * type }] }], warmUp }`; the worker posts `{ ready: true, loadMs }` once loaded and warm, then
 * answers each `{ id, query }` with `{ id, analysis }` or `{ id, error }`.
 */
export const KUSTO_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const started = Date.now();
require(workerData.bridgePath);
require(workerData.kustoPath);
const K = globalThis.Kusto.Language;
const S = K.Symbols;

function schemaText(columns) {
  return '(' + columns.map((c) => "['" + c.name + "']:" + c.type).join(', ') + ')';
}
const tables = workerData.tables.map((t) => new S.TableSymbol.$ctor7(t.name, schemaText(t.columns), null));
const globals = K.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.ctor(workerData.database, tables));

function list(items, map) {
  const out = [];
  if (!items) return out;
  for (let i = 0; i < items.Count; i++) out.push(map(items.getItem(i)));
  return out;
}

function analyze(query) {
  const code = K.KustoCode.ParseAndAnalyze(query, globals);
  const syntaxKeys = new Set(list(code.GetSyntaxDiagnostics(), (d) => d.Code + '@' + d.Start));
  const diagnostics = list(code.GetDiagnostics(), (d) => ({
    code: d.Code,
    severity: String(d.Severity),
    message: d.Message,
    start: d.HasLocation ? d.Start : 0,
    length: d.HasLocation ? d.Length : 0,
    syntax: syntaxKeys.has(d.Code + '@' + d.Start),
  }));
  const result = code.ResultType;
  const isTable = !!result && !!result.Columns && typeof result.IsOpen === 'boolean';
  return {
    kind: code.Kind,
    diagnostics,
    columns: isTable ? list(result.Columns, (c) => ({ name: c.Name, type: c.Type ? c.Type.Name : 'unknown' })) : undefined,
    open: isTable ? result.IsOpen : false,
  };
}

for (const q of workerData.warmUp) analyze(q);
parentPort.postMessage({ ready: true, loadMs: Date.now() - started });

parentPort.on('message', (msg) => {
  try {
    parentPort.postMessage({ id: msg.id, analysis: analyze(msg.query) });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String((err && err.message) || err) });
  }
});
`;
