/**
 * Validates payloads against the swagger definitions in test/fixtures/contracts with ajv
 * (JSON Schema draft-04, which Swagger 2.0 schemas are). Every swagger file is registered
 * under its file URL, so relative `$ref`s across files resolve as in the spec repository.
 * Autorest conventions are honoured:
 * - a `type: object` without properties means "any value" (the query API's table cells);
 * - `x-nullable: true` admits null;
 * - `readOnly` properties may appear in responses but not in requests (`mode: 'request'`);
 * - its custom formats (int32, arm-id, duration, ...) are accepted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const CONTRACTS = path.resolve(__dirname, '..', '..', 'fixtures', 'contracts');
const SPECS = path.join(CONTRACTS, 'azure-rest-api-specs', 'specification');
const SI = path.join(SPECS, 'securityinsights/resource-manager/Microsoft.SecurityInsights/SecurityInsights');
export const INCIDENTS_SWAGGER = path.join(SI, 'stable/2025-09-01/Incidents.json');
export const SI_COMMON_TYPES = path.join(SI, 'common/2.0/types.json');
export const QUERY_SWAGGER = path.join(SPECS, 'operationalinsights/data-plane/Microsoft.OperationalInsights/stable/2022-10-27/OperationalInsights.json');

export type Mode = 'request' | 'response';
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rewrites one swagger document into plain draft-04 for the given direction. */
function adapt(value: unknown, mode: Mode): unknown {
  if (Array.isArray(value)) return value.map((v) => adapt(v, mode));
  if (!isNode(value)) return value;
  const o: Node = {};
  for (const [k, v] of Object.entries(value)) {
    // Examples and vendor extensions are not schema; `paths` holds parameters, not schemas.
    if (k === 'example' || k === 'x-ms-examples' || k === 'paths') continue;
    o[k] = k === 'properties' && isNode(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, adapt(s, mode)])) : adapt(v, mode);
  }
  if (o.type === 'object' && !o.properties && !o.additionalProperties && !o.allOf && !o.$ref && !o.items) delete o.type;
  if (mode === 'request' && isNode(o.properties)) {
    const props = o.properties as Record<string, Node>;
    const readOnly = Object.keys(props).filter((p) => props[p]?.readOnly === true);
    for (const p of readOnly) props[p] = { not: {} };
    if (Array.isArray(o.required)) o.required = (o.required as string[]).filter((r) => !readOnly.includes(r));
  }
  if (o['x-nullable'] === true) return { anyOf: [o, { type: 'null' }] };
  return o;
}

function swaggerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'examples' ? [] : swaggerFiles(p);
    return e.name.endsWith('.json') ? [p] : [];
  });
}

const instances = new Map<Mode, Ajv>();

function ajvFor(mode: Mode): Ajv {
  let ajv = instances.get(mode);
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv as never);
  for (const f of ['int32', 'int64', 'arm-id', 'duration', 'unixtime', 'base64url', 'password']) ajv.addFormat(f, true);
  for (const file of swaggerFiles(SPECS)) {
    const id = pathToFileURL(file).href;
    const doc = adapt(JSON.parse(fs.readFileSync(file, 'utf8')), mode) as Node;
    ajv.addSchema({ ...doc, id }, id);
  }
  instances.set(mode, ajv);
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

function validator(file: string, definition: string, mode: Mode): ValidateFunction {
  const ref = `${pathToFileURL(file).href}#/definitions/${definition}`;
  const key = `${mode} ${ref}`;
  let v = cache.get(key);
  if (!v) {
    v = ajvFor(mode).compile({ $ref: ref });
    cache.set(key, v);
  }
  return v;
}

/** Null when `payload` is valid against `definition` of `file`, else readable ajv errors. */
export function schemaErrors(file: string, definition: string, payload: unknown, mode: Mode = 'response'): string[] | null {
  const v = validator(file, definition, mode);
  return v(payload) ? null : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export interface Example {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown }>;
}

export function readExample(relative: string): Example {
  return JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'examples', relative), 'utf8')) as Example;
}

/** Every example file under examples/, relative to it. */
export function allExamples(): string[] {
  const root = path.join(CONTRACTS, 'examples');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))]));
  return walk(root).sort();
}
