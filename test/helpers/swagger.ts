/**
 * Validates payloads against the swagger definitions in test/fixtures/contracts with ajv.
 * Each swagger file is registered under its file URL so relative $refs resolve as in the
 * spec repository. Autorest conventions are honoured: a `type: object` with no properties
 * means "any value" (the query API's table cells), and its custom formats are accepted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const CONTRACTS = path.resolve(__dirname, '..', 'fixtures', 'contracts');
export const SPECS = path.join(CONTRACTS, 'azure-rest-api-specs', 'specification');
export const INCIDENTS_SWAGGER = path.join(SPECS, 'securityinsights/resource-manager/Microsoft.SecurityInsights/SecurityInsights/stable/2025-09-01/Incidents.json');
export const QUERY_SWAGGER = path.join(SPECS, 'operationalinsights/data-plane/Microsoft.OperationalInsights/stable/2022-10-27/OperationalInsights.json');

function loosen(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosen);
  if (!node || typeof node !== 'object') return node;
  const o = { ...(node as Record<string, unknown>) };
  const anyObject = o.type === 'object' && !o.properties && !o.additionalProperties && !o.allOf && !o.$ref;
  if (anyObject) delete o.type;
  for (const [k, v] of Object.entries(o)) if (k !== 'example' && k !== 'x-ms-examples') o[k] = loosen(v);
  return o;
}

function allSwaggerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name === 'examples' ? [] : allSwaggerFiles(p)) : e.name.endsWith('.json') ? [p] : [];
  });
}

let ajv: Ajv | undefined;

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'arm-id', 'duration', 'unixtime']) ajv.addFormat(f, true);
  for (const file of allSwaggerFiles(SPECS)) {
    const doc = loosen(JSON.parse(fs.readFileSync(file, 'utf8'))) as Record<string, unknown>;
    ajv.addSchema({ ...doc, $id: pathToFileURL(file).href }, pathToFileURL(file).href);
  }
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

export function definitionValidator(swaggerFile: string, definition: string): ValidateFunction {
  const ref = `${pathToFileURL(swaggerFile).href}#/definitions/${definition}`;
  let v = cache.get(ref);
  if (!v) {
    v = instance().compile({ $ref: ref });
    cache.set(ref, v);
  }
  return v;
}

/** Null when valid, else the ajv errors in a readable form. */
export function schemaErrors(swaggerFile: string, definition: string, payload: unknown): string[] | null {
  const v = definitionValidator(swaggerFile, definition);
  return v(payload) ? null : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export function readExample(relative: string): { parameters: Record<string, unknown>; responses: Record<string, { body?: unknown }> } {
  return JSON.parse(fs.readFileSync(path.join(CONTRACTS, 'examples', relative), 'utf8')) as { parameters: Record<string, unknown>; responses: Record<string, { body?: unknown }> };
}
