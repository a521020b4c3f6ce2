/** The safe sentence for a failure; the details go to the log only. */
import type { UserErrorParams } from '../incidents/errors';
import { toUserError } from '../incidents/serviceErrors';
import type { Logger } from '../logging';
import { recordTurnFailure } from '../telemetry/turnScope';

export function describeError(err: unknown, logger: Logger, params: UserErrorParams = {}): string {
  const userError = toUserError(err, params);
  recordTurnFailure(userError.code);
  const cause = userError.cause ?? err;
  const level = userError.code === 'INTERNAL' ? 'error' : 'warn';
  logger[level](
    { code: userError.code, cause: cause instanceof Error ? { name: cause.name, code: (cause as { code?: unknown }).code } : undefined, err: level === 'error' ? cause : undefined },
    'turn failed',
  );
  return userError.userMessage;
}
