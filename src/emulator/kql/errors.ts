/**
 * The one error type the engine throws. The query route maps every KqlError to HTTP 400
 * with `code` and `message`, so messages are written for the person who typed the query.
 */

export type KqlErrorKind = 'SyntaxError' | 'SemanticError' | 'UnsupportedError';

/** Where in the query text a problem was found (1-based line and column, 0-based offset). */
export interface KqlPosition {
  offset: number;
  line: number;
  column: number;
}

export class KqlError extends Error {
  readonly kind: KqlErrorKind;
  readonly code: string;
  readonly position: KqlPosition | undefined;

  constructor(kind: KqlErrorKind, code: string, message: string, position?: KqlPosition) {
    super(message);
    this.name = 'KqlError';
    this.kind = kind;
    this.code = code;
    this.position = position;
  }
}

/** Computes line/column lazily: only error paths need it. */
export function positionOf(text: string, offset: number): KqlPosition {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { offset, line, column };
}

export function syntaxError(text: string, offset: number, found: string, detail: string): KqlError {
  const pos = positionOf(text, offset);
  const at = found === '' ? 'end of query' : `'${found}'`;
  return new KqlError(
    'SyntaxError',
    'SYN0002',
    `Query could not be parsed at ${at} on line [${pos.line},${pos.column}]: ${detail}`,
    pos,
  );
}

export function semanticError(code: string, message: string): KqlError {
  return new KqlError('SemanticError', code, message);
}

/** Tabular operators the engine evaluates, named in the error for any other operator. */
export const SUPPORTED_TABULAR_OPERATORS: ReadonlyArray<string> = [
  'where', 'filter', 'project', 'project-away', 'project-keep', 'project-rename', 'project-reorder', 'extend', 'sort', 'order', 'take', 'limit', 'top',
  'summarize', 'mv-expand', 'mv-apply', 'evaluate bag_unpack', 'distinct', 'count', 'join', 'lookup', 'union', 'parse', 'parse-where', 'serialize', 'render',
];

/**
 * `supported` lists what the person can use instead; it defaults to the tabular operators
 * because that is what an unknown word after `|` usually is.
 */
export function unsupportedOperator(name: string, supported: ReadonlyArray<string> = SUPPORTED_TABULAR_OPERATORS): KqlError {
  return new KqlError(
    'UnsupportedError',
    'UNSUPPORTED',
    `The operator '${name}' is not supported by the Sentinel emulator (supported: ${supported.join(', ')})`,
  );
}

export function unsupportedFunction(name: string, supported: ReadonlyArray<string>): KqlError {
  return new KqlError(
    'UnsupportedError',
    'UNSUPPORTED',
    `The function '${name}' is not supported by the Sentinel emulator (supported: ${supported.join(', ')})`,
  );
}

export function unsupported(what: string, supported?: ReadonlyArray<string>): KqlError {
  const alternatives = supported === undefined ? '' : ` (supported: ${supported.join(', ')})`;
  return new KqlError('UnsupportedError', 'UNSUPPORTED', `${what} is not supported by the Sentinel emulator${alternatives}`);
}

/** Codes used for semantic errors, kept in one place so tests and docs agree. */
export const SemCode = {
  unresolved: 'SEM0100',
  typeMismatch: 'SEM0101',
  badArguments: 'SEM0102',
  badOperand: 'SEM0103',
  duplicate: 'SEM0104',
} as const;
