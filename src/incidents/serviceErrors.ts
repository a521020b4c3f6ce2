/** Maps failures of Sentinel and Log Analytics onto the user-facing catalogue. */
import { SentinelError, type SentinelErrorCode } from '../sentinel/errors';
import { UserError, type UserErrorParams } from './errors';

export function isServiceError(err: unknown, code: SentinelErrorCode): err is SentinelError {
  return err instanceof SentinelError && err.code === code;
}

export function toUserError(err: unknown, params: UserErrorParams = {}): UserError {
  if (err instanceof UserError) return err;
  if (!(err instanceof SentinelError)) return new UserError('INTERNAL', params, { cause: err });
  switch (err.code) {
    case 'NOT_FOUND':
      return new UserError('INCIDENT_NOT_FOUND', params, { cause: err });
    case 'PRECONDITION_FAILED':
    case 'CONFLICT':
      return new UserError('CONFLICT', params, { cause: err });
    case 'FORBIDDEN':
      return new UserError('AZURE_FORBIDDEN', params, { cause: err });
    case 'UNAUTHORIZED':
      return new UserError('AZURE_AUTH_FAILED', params, { cause: err });
    case 'THROTTLED':
      return new UserError('THROTTLED', params, { cause: err });
    case 'PARTIAL_RESULT':
      return new UserError('PARTIAL_RESULT', params, { cause: err });
    case 'TIMEOUT':
      return new UserError('TIMEOUT', params, { cause: err });
    case 'UNAVAILABLE':
    case 'NETWORK':
      return new UserError('UNAVAILABLE', params, { cause: err });
    default:
      return new UserError('INTERNAL', params, { cause: err });
  }
}
