/**
 * Kusto.Language as the judge of every query: a worker thread parses and binds the query
 * against the workspace's tables and answers the diagnostics and the result schema Kusto
 * computes. The worker starts on `warm()` (the emulator calls it once it listens) or on the
 * first query; queries sent before it is ready wait for it.
 */
import { Worker } from 'node:worker_threads';
import { SECURITY_INCIDENT_COLUMNS, SECURITY_INCIDENT_TABLE } from '../audit/schema';
import type { ColumnSchema } from '../kql/types';
import { KUSTO_WORKER_SOURCE } from './workerSource';

export interface KustoDiagnostic {
  /** Kusto.Language's code, `KS142` and the like. */
  code: string;
  severity: string;
  message: string;
  /** Offset and length in the query text. */
  start: number;
  length: number;
  /** Found by the parser (a syntax error) rather than the binder. */
  syntax: boolean;
}

export interface KustoColumn {
  name: string;
  /** Kusto's scalar type name (`string`, `int`, `long`, `real`, ...); `unknown` where the binder cannot know it. */
  type: string;
}

export interface KustoAnalysis {
  /** `Query`, or `Command` for a control command (`.show ...`), which the query API does not run. */
  kind: string;
  diagnostics: KustoDiagnostic[];
  /** The result table's columns, in order; undefined when the query's result is not a table. */
  columns?: KustoColumn[];
  /** The binder could not know every column (they depend on the data, as after bag_unpack). */
  open: boolean;
}

export interface KustoTable {
  name: string;
  columns: ReadonlyArray<ColumnSchema>;
}

interface Pending {
  resolve: (a: KustoAnalysis) => void;
  reject: (e: Error) => void;
}

type WorkerMessage = { ready: true; loadMs: number } | { id: number; analysis?: KustoAnalysis; error?: string };

/** Queries run once while warming up, so the code paths most queries take are compiled. */
const WARM_UP = [
  'SecurityIncident | where IncidentNumber == 1 | summarize arg_max(TimeGenerated, *) by IncidentNumber | project IncidentNumber, Tasks',
  "SecurityIncident | mv-expand Task = Tasks | extend t = tostring(Task['title']) | where t has 'x' | sort by TimeGenerated desc | take 1",
];

/** A query or warm-up cut short because the oracle was closed. */
export class KustoOracleClosedError extends Error {
  constructor() {
    super('the Kusto.Language oracle was closed');
    this.name = 'KustoOracleClosedError';
  }
}

/** Bounds the verdict cache: a query's text is at most a few KB, so this stays a few MB. */
const MAX_CACHED_VERDICTS = 1000;

export class KustoOracle {
  private worker?: Worker;
  private ready?: Promise<number>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private inFlight = 0;
  /** Verdicts by query text, newest last: a binder's verdict depends only on the text and the schema. */
  private readonly verdicts = new Map<string, Promise<KustoAnalysis>>();
  private bound = 0;

  constructor(
    private readonly tables: ReadonlyArray<KustoTable>,
    private readonly database = 'workspace',
  ) {}

  /** Starts loading Kusto.Language in the background; resolves with the load time in ms. */
  warm(): Promise<number> {
    this.ready ??= this.start();
    return this.ready;
  }

  /**
   * Tools and bots send the same few queries again and again; the worker's binding time (a few
   * ms) would otherwise bound the emulator's query rate. Identical queries in flight share one.
   */
  analyze(query: string): Promise<KustoAnalysis> {
    const known = this.verdicts.get(query);
    if (known) {
      this.verdicts.delete(query);
      this.verdicts.set(query, known);
      return known;
    }
    const verdict = this.analyzeInWorker(query);
    this.verdicts.set(query, verdict);
    if (this.verdicts.size > MAX_CACHED_VERDICTS) this.verdicts.delete(this.verdicts.keys().next().value as string);
    // A worker failure is no verdict on the query: ask again next time.
    verdict.catch(() => {
      if (this.verdicts.get(query) === verdict) this.verdicts.delete(query);
    });
    return verdict;
  }

  /** How many queries the worker has bound so far (the rest were answered from the verdict cache). */
  get bindings(): number {
    return this.bound;
  }

  private async analyzeInWorker(query: string): Promise<KustoAnalysis> {
    this.bound++;
    const ready = this.warm();
    // A query in flight keeps the process alive; an idle worker does not.
    const worker = this.worker!;
    if (this.inFlight++ === 0) worker.ref();
    try {
      await ready;
      const id = this.nextId++;
      return await new Promise<KustoAnalysis>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ id, query });
      });
    } finally {
      if (--this.inFlight === 0) worker.unref();
    }
  }

  async close(): Promise<void> {
    this.verdicts.clear();
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Promise<number> {
    const worker = new Worker(KUSTO_WORKER_SOURCE, {
      eval: true,
      workerData: {
        bridgePath: require.resolve('@kusto/language-service-next/bridge.min.js'),
        kustoPath: require.resolve('@kusto/language-service-next/Kusto.Language.Bridge.min.js'),
        database: this.database,
        tables: this.tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) })),
        warmUp: WARM_UP,
      },
    });
    this.worker = worker;
    const ready = new Promise<number>((resolve, reject) => {
      const fail = (cause: Error): void => {
        // close() lets go of the worker before terminating it: then this is no failure.
        const closed = this.worker !== worker;
        const err = closed ? new KustoOracleClosedError() : cause;
        if (!closed) {
          this.worker = undefined;
          this.ready = undefined;
        }
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      };
      worker.on('message', (msg: WorkerMessage) => {
        if ('ready' in msg) return resolve(msg.loadMs);
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.analysis) p.resolve(msg.analysis);
        else p.reject(new Error(`Kusto.Language failed on the query: ${msg.error ?? 'no answer'}`));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`the Kusto.Language worker stopped (exit code ${code})`)));
    });
    // The worker must not keep a process alive that has nothing else to do; after the
    // listeners, because adding a 'message' listener refs the worker's port again.
    worker.unref();
    return ready;
  }
}

let shared: KustoOracle | undefined;
let users = 0;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * How long the shared worker outlives its last user: an emulator restarted within it (tests
 * do that) finds Kusto.Language loaded; after it, the worker's ~100 MB are given back.
 */
const IDLE_CLOSE_MS = 3000;

/** The process's one oracle for the emulator's workspace (SecurityIncident in Log Analytics' column order). */
export function workspaceOracle(): KustoOracle {
  shared ??= new KustoOracle([{ name: SECURITY_INCIDENT_TABLE, columns: SECURITY_INCIDENT_COLUMNS }]);
  return shared;
}

/** The shared oracle for one emulator; `release` when that emulator stops. */
export function acquireWorkspaceOracle(): { oracle: KustoOracle; release: () => void } {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const oracle = workspaceOracle();
  users++;
  let released = false;
  return {
    oracle,
    release: () => {
      if (released) return;
      released = true;
      if (--users > 0) return;
      idleTimer = setTimeout(() => {
        idleTimer = undefined;
        if (users > 0 || shared !== oracle) return;
        shared = undefined;
        void oracle.close();
      }, IDLE_CLOSE_MS);
      idleTimer.unref();
    },
  };
}
