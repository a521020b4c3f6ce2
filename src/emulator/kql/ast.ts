/**
 * Syntax tree. Nodes carry the offset where they start so semantic errors could point
 * back into the query; types are not known here (the binder adds them).
 */
import type { KqlType } from './types';

export type Expr =
  | { kind: 'literal'; type: KqlType; value: unknown; pos: number }
  | { kind: 'column'; name: string; pos: number }
  | { kind: 'member'; target: Expr; name: string; pos: number }
  | { kind: 'index'; target: Expr; index: Expr; pos: number }
  | { kind: 'call'; name: string; args: Expr[]; pos: number }
  | { kind: 'unary'; op: '-' | '+'; operand: Expr; pos: number }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; pos: number }
  | { kind: 'inList'; op: InOp; left: Expr; items: Expr[]; pos: number }
  | { kind: 'between'; negated: boolean; left: Expr; low: Expr; high: Expr; pos: number }
  | { kind: 'star'; pos: number };

export type InOp = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

/** `Name = expr` or a bare expression whose column name is derived later. */
export interface NamedExpr {
  name?: string;
  expr: Expr;
}

/** `[Name =] expr [to typeof(T)]` in mv-expand. */
export interface MvExpandItem extends NamedExpr {
  toType?: KqlType;
}

export type ColumnsConflict = 'error' | 'replace_source' | 'keep_source';

/** `evaluate bag_unpack(Column [, prefix] [, columnsConflict] [, ignoredProperties]) [: (schema)]`. */
export interface BagUnpackArgs {
  column: Expr;
  prefix: string;
  conflict: ColumnsConflict;
  ignored: string[];
  /** The declared output schema; `wildcard` is the leading `*` that keeps the input columns. */
  schema?: { wildcard: boolean; columns: Array<{ name: string; type: KqlType }> };
}

export interface SortKey {
  expr: Expr;
  desc: boolean;
  /** Undefined means Kusto's default: nulls last when descending, first when ascending. */
  nullsFirst?: boolean;
}

export type TabularOp =
  | { op: 'where'; predicate: Expr; pos: number }
  | { op: 'project'; items: NamedExpr[]; pos: number }
  | { op: 'project-away'; patterns: string[]; pos: number }
  | { op: 'project-keep'; patterns: string[]; pos: number }
  | { op: 'project-rename'; renames: Array<{ to: string; from: string }>; pos: number }
  | { op: 'extend'; items: NamedExpr[]; pos: number }
  | { op: 'sort'; keys: SortKey[]; pos: number }
  | { op: 'take'; count: Expr; pos: number }
  | { op: 'top'; count: Expr; key: SortKey; pos: number }
  | { op: 'summarize'; aggregates: NamedExpr[]; by: NamedExpr[]; pos: number }
  /** `itemIndex`: the `with_itemindex=Name` column, the element's position in its array. */
  | { op: 'mv-expand'; items: MvExpandItem[]; limit?: Expr; itemIndex?: string; pos: number }
  | ({ op: 'bag_unpack'; pos: number } & BagUnpackArgs)
  | { op: 'distinct'; items: NamedExpr[]; pos: number }
  | { op: 'count'; pos: number }
  | { op: 'join'; kind: JoinKind; right: Pipeline; on: JoinKey[]; pos: number }
  | { op: 'lookup'; kind: 'leftouter' | 'inner'; right: Pipeline; on: JoinKey[]; pos: number }
  | ({ op: 'union'; pos: number } & UnionArgs)
  | { op: 'mv-apply'; items: MvExpandItem[]; limit?: Expr; itemIndex?: string; subquery: TabularOp[]; pos: number }
  /** `filter`: parse-where, which drops the rows that do not match. */
  | { op: 'parse'; kind: 'simple' | 'regex'; source: Expr; pattern: ParsePart[]; filter: boolean; pos: number }
  | { op: 'project-reorder'; items: Array<{ pattern: string; order?: 'asc' | 'desc' }>; pos: number };

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

/** `on X` is `{ left: 'X', right: 'X' }`; `$left.a == $right.b` names each side. */
export interface JoinKey {
  left: string;
  right: string;
}

/** `union [kind=inner|outer] [withsource=Name] T1, (T2 | ...)`; `names` are the withsource values. */
export interface UnionArgs {
  unionKind: 'inner' | 'outer';
  withSource?: string;
  tables: Pipeline[];
  names: string[];
}

/** One element of a `parse ... with` pattern. */
export type ParsePart = { kind: 'text'; text: string } | { kind: 'column'; name: string; type: KqlType } | { kind: 'any' };

export type Source =
  /** `args` when the name is called as a function: `F(1, 'x')`. */
  | { kind: 'table'; name: string; args?: Expr[]; pos: number }
  | ({ kind: 'union'; pos: number } & UnionArgs)
  | { kind: 'datatable'; columns: Array<{ name: string; type: KqlType }>; values: Expr[]; pos: number }
  | { kind: 'print'; items: NamedExpr[]; pos: number };

export interface Pipeline {
  source: Source;
  ops: TabularOp[];
}

/** `let f = (a:long, b:string = 'x') { body }`: a scalar expression or a tabular pipeline. */
export interface UserFunction {
  params: QueryParameter[];
  body: { kind: 'scalar'; expr: Expr } | { kind: 'tabular'; pipeline: Pipeline };
}

export interface QueryParameter {
  name: string;
  type: KqlType;
  defaultValue?: Expr;
}

export type Statement =
  | { kind: 'let'; name: string; value: Expr; pos: number }
  | { kind: 'letTabular'; name: string; value: Pipeline; pos: number }
  | { kind: 'declare'; parameters: QueryParameter[]; pos: number }
  | { kind: 'letFunction'; name: string; fn: UserFunction; pos: number }
  | { kind: 'query'; pipeline: Pipeline; pos: number };
