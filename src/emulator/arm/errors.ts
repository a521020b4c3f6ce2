/**
 * ARM's error answers: a status and a CloudError body `{"error":{"code","message"}}`
 * (common/2.0/types.json). Store errors map onto them here.
 */
import { StoreError } from '../store/preconditions';

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }
}

export interface CloudError {
  error: { code: string; message: string };
}

export const cloudError = (code: string, message: string): CloudError => ({ error: { code, message } });

export const badRequest = (message: string): ArmError => new ArmError(400, 'BadRequest', message);
export const notFound = (message: string): ArmError => new ArmError(404, 'NotFound', message);

/** Sentinel's words for a write based on a stale etag (observed answers of the service). */
export const CONFLICT_MESSAGE = 'Newer version of resource exists. Data was not saved';

export function fromStoreError(err: StoreError): ArmError {
  if (err.code === 'NOT_FOUND') return notFound(err.message);
  if (err.code === 'CONFLICT') return new ArmError(409, 'Conflict', CONFLICT_MESSAGE);
  return new ArmError(412, 'PreconditionFailed', err.message);
}

/** Runs a store operation, turning its typed failures into ARM answers. */
export function viaStore<T>(operation: () => T): T {
  try {
    return operation();
  } catch (err) {
    if (err instanceof StoreError) throw fromStoreError(err);
    throw err;
  }
}
