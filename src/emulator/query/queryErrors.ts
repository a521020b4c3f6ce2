/**
 * The Log Analytics query API's errors: the swagger's errorResponse `{"error": errorInfo}`,
 * nested as the service nests query errors: BadArgumentError, then the kind of problem
 * (SyntaxError, SemanticError), then the specific one (SYN0002, SEM0100, ...):
 *
 * {"error":{"message":"The request had some invalid properties","code":"BadArgumentError","correlationId":"...",
 *   "innererror":{"code":"SemanticError","message":"A semantic error occurred.",
 *     "innererror":{"code":"SEM0100","message":"..."}}}}
 */
import type { KqlError } from '../kql';
import type { KustoAnalysis } from '../kusto/oracle';

export interface QueryErrorInfo {
  code: string;
  message: string;
  innererror?: QueryErrorInfo;
  /** Where a syntax error is: 1-based line, 0-based position in that line, and the token. */
  line?: number;
  pos?: number;
  token?: string;
}

export class QueryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innererror?: QueryErrorInfo,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'QueryApiError';
  }

  /** `correlationId` is the request's id, as the service puts it in every error. */
  toBody(correlationId?: string): { error: QueryErrorInfo & { correlationId?: string } } {
    return {
      error: {
        message: this.message,
        code: this.code,
        ...(correlationId ? { correlationId } : {}),
        ...(this.innererror ? { innererror: this.innererror } : {}),
      },
    };
  }
}

export const INVALID_PROPERTIES = 'The request had some invalid properties';

/** A 400 as Log Analytics words it: BadArgumentError, with the specific problem inside. */
export const badArgument = (innerCode: string, innerMessage: string, innermost?: QueryErrorInfo): QueryApiError =>
  new QueryApiError(400, 'BadArgumentError', INVALID_PROPERTIES, { code: innerCode, message: innerMessage, ...(innermost ? { innererror: innermost } : {}) });

/** The middle level's wording, as the service has it. */
const KIND_MESSAGES: Record<string, string> = {
  SyntaxError: 'A recognition error occurred in the query.',
  SemanticError: 'A semantic error occurred.',
  UnsupportedError: 'The query is valid KQL but uses something the emulator does not run.',
};

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Kusto.Language's codes grouped into the service's semantic error codes. */
const SEMANTIC_CODES: ReadonlyArray<[string, ReadonlyArray<string>]> = [
  // Names that resolve to nothing: columns, tables, functions, plugins, databases.
  ['SEM0100', ['KS142', 'KS143', 'KS122', 'KS123', 'KS124', 'KS128', 'KS181', 'KS204', 'KS205', 'KS207', 'KS208', 'KS209', 'KS210', 'KS211', 'KS228']],
  // Operand and argument types.
  ['SEM0101', ['KS106', 'KS107', 'KS108', 'KS109', 'KS111', 'KS113', 'KS116', 'KS127', 'KS133', 'KS134', 'KS135', 'KS136', 'KS137', 'KS138', 'KS206', 'KS227', 'KS232', 'KS233', 'KS234', 'KS235', 'KS241', 'KS242']],
  // Argument counts, constant or literal arguments, named arguments.
  ['SEM0102', ['KS117', 'KS118', 'KS119', 'KS120', 'KS121', 'KS129', 'KS130', 'KS131', 'KS132', 'KS193', 'KS194', 'KS195', 'KS196', 'KS197']],
  // Names declared twice.
  ['SEM0104', ['KS146', 'KS171', 'KS180', 'KS201']],
];

function semanticCode(kustoCode: string): string {
  for (const [code, members] of SEMANTIC_CODES) if (members.includes(kustoCode)) return code;
  return 'SEM0103';
}

/** The first error Kusto.Language reports, in the service's shape; undefined when there is none. */
export function kustoRefusal(query: string, analysis: KustoAnalysis): QueryApiError | undefined {
  if (analysis.kind !== 'Query') {
    // The query API runs queries only; a control command (`.show tables`) does not parse as one.
    const start = query.length - query.trimStart().length;
    const { line, column } = lineAndColumn(query, start);
    return badArgument('SyntaxError', KIND_MESSAGES.SyntaxError!, {
      code: 'SYN0002',
      message: `Query could not be parsed at '.' on line [${line},${column}]: control commands are not queries`,
      line,
      pos: column - 1,
      token: '.',
    });
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'Error');
  // The parser's complaint explains the binder's that follow from it.
  const first = errors.find((d) => d.syntax) ?? errors[0];
  if (!first) return undefined;
  const { line, column } = lineAndColumn(query, first.start);
  const where = `line [${line},${column}]`;
  if (first.syntax) {
    const token = query.slice(first.start, first.start + Math.max(first.length, 0)).trim();
    const at = token === '' ? (first.start >= query.trimEnd().length ? 'end of query' : `position ${first.start}`) : `'${token}'`;
    return badArgument('SyntaxError', KIND_MESSAGES.SyntaxError!, {
      code: 'SYN0002',
      message: `Query could not be parsed at ${at} on ${where}: ${first.message} (${first.code})`,
      line,
      pos: column - 1,
      ...(token !== '' ? { token } : {}),
    });
  }
  return badArgument('SemanticError', KIND_MESSAGES.SemanticError!, {
    code: semanticCode(first.code),
    message: `${first.message} (${first.code} on ${where})`,
  });
}

const ENGINE_UNSUPPORTED = /^(.*?) is not supported by the Sentinel emulator(.*)$/s;

/**
 * The engine's own refusals, nested like the service's errors. Once Kusto.Language has
 * accepted the query, an engine syntax or semantic error is the engine's limit, not the
 * query's fault, so it is reported as not supported; except an unresolved name in a query
 * whose columns depend on the data (after bag_unpack), which Kusto also raises when it runs.
 */
export function fromKqlError(err: KqlError, analysis?: KustoAnalysis): QueryApiError {
  const requestError = err.code === 'SYN0100'; // the timespan, not the query
  const dataDependent = err.code === 'SEM0100' && analysis?.open === true;
  if (analysis && err.kind !== 'UnsupportedError' && !requestError && !dataDependent) {
    return badArgument('UnsupportedError', KIND_MESSAGES.UnsupportedError!, { code: 'UNSUPPORTED', message: `Not supported by the emulator: ${err.message}` });
  }
  let message = err.message;
  if (err.kind === 'UnsupportedError') {
    const m = ENGINE_UNSUPPORTED.exec(message);
    message = m ? `Not supported by the emulator: ${m[1]}${m[2]}` : `Not supported by the emulator: ${message}`;
  }
  const position = err.position ? { line: err.position.line, pos: err.position.column - 1 } : {};
  return badArgument(err.kind, KIND_MESSAGES[err.kind] ?? err.kind, { code: err.code, message, ...position });
}

/** The engine answered with other columns than Kusto's binder computes: refused, never answered wrongly. */
export function schemaMismatch(detail: string): QueryApiError {
  return badArgument('UnsupportedError', KIND_MESSAGES.UnsupportedError!, {
    code: 'UNSUPPORTED',
    message: `Not supported by the emulator: ${detail}`,
  });
}
