/** `extract`, `extract_all` and the value conversion `parse` shares with them. */
import type { Compiled } from './compiled';
import { parseJson, toBool, toInteger, toNumber } from './conversions';
import { semanticError, SemCode } from './errors';
import { argError, type FunctionContext, type FunctionDef } from './functionKit';
import { parseTimespanLiteralText } from './parseLiterals';
import type { KqlType } from './types';
import { parseDatetimeText, toKqlString, type Value } from './values';

/**
 * Compiles a constant pattern; Kusto's RE2 syntax and JavaScript's agree on the common subset.
 * RE2's inline flag groups (`(?i)`, `(?s)`, `(?m)`, `(?is)`), which JavaScript lacks, apply to
 * the whole pattern here.
 */
export function compileRegex(source: string, flags: string, where: string): RegExp {
  let all = flags;
  const pattern = source.replace(/\(\?([ism]+)\)/g, (_m, f: string) => {
    for (const ch of f) if (!all.includes(ch)) all += ch;
    return '';
  });
  try {
    return new RegExp(pattern, all);
  } catch (e) {
    throw semanticError(SemCode.badArguments, `${where}: '${source}' is not a valid regular expression (${(e as Error).message})`);
  }
}

/** Text captured by a regex read as a value of `type`; text that is not one is null. */
export function convertCaptured(text: string | undefined, type: KqlType): Value {
  if (text === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      return text;
    case 'int':
    case 'long':
      return toInteger(text.trim(), 'string', type);
    case 'real':
    case 'decimal':
      return toNumber(text.trim(), 'string');
    case 'bool':
      return toBool(text);
    case 'datetime':
      return parseDatetimeText(text) ?? null;
    case 'timespan':
      return parseTimespanLiteralText(text) ?? null;
    case 'dynamic':
      return parseJson(text, 'string');
    case 'guid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text.toLowerCase() : null;
  }
}

function constantPattern(c: Compiled, ctx: FunctionContext, flags = ''): RegExp {
  if (c.type !== 'string') throw argError(ctx, `expects a regular expression string, got ${c.type}`);
  if (!c.constant) throw argError(ctx, 'the regular expression must be a constant string');
  return compileRegex(String(c.eval([])), flags, `Function '${ctx.name}'`);
}

const extract: FunctionDef = {
  min: 3,
  max: 4,
  build: ([pattern, group, text, typed], ctx) => {
    const re = constantPattern(pattern, ctx);
    if (group.type !== 'long' && group.type !== 'int') throw argError(ctx, `the capture group must be a number, got ${group.type}`);
    if (typed !== undefined && typed.typeLiteral === undefined) throw argError(ctx, 'the fourth argument must be typeof(T)');
    const type = typed?.typeLiteral ?? 'string';
    return {
      type,
      eval: (row) => {
        const g = group.eval(row);
        const m = re.exec(toKqlString(text.eval(row), text.type));
        if (m === null || typeof g !== 'number' || g < 0 || g >= m.length) return convertCaptured(undefined, type);
        return convertCaptured(m[g] ?? undefined, type);
      },
    };
  },
};

const extractAll: FunctionDef = {
  min: 2,
  max: 3,
  build: (args, ctx) => {
    const [patternArg, groupsArg, textArg] = args.length === 2 ? [args[0], undefined, args[1]] : args;
    const re = constantPattern(patternArg, ctx, 'g');
    const groupCount = new RegExp(`${re.source}|`).exec('')!.length - 1;
    if (groupCount === 0) throw argError(ctx, 'the regular expression needs at least one capture group');
    let groups: number[] = Array.from({ length: groupCount }, (_, i) => i + 1);
    if (groupsArg !== undefined) {
      const v = groupsArg.eval([]);
      if (!groupsArg.constant || !Array.isArray(v) || !v.every((x) => typeof x === 'number' && x >= 0 && x <= groupCount)) {
        throw argError(ctx, 'the capture groups must be a constant dynamic array of group numbers');
      }
      groups = v as number[];
    }
    return {
      type: 'dynamic',
      eval: (row) => {
        const s = toKqlString(textArg.eval(row), textArg.type);
        const out: Value[] = [];
        for (const m of s.matchAll(re)) {
          if (m[0] === '' && m.index === s.length && out.length > 0) break;
          out.push(groups.length === 1 ? (m[groups[0]] ?? '') : groups.map((g) => m[g] ?? ''));
        }
        return out.length === 0 ? null : out;
      },
    };
  },
};

export const REGEX_FUNCTIONS: Record<string, FunctionDef> = { extract, extract_all: extractAll };
