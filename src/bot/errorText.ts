/** The safe sentence for a failure; the details go to the log only. */
import type { UserErrorParams } from '../incidents/errors';
import { toUserError } from '../incidents/serviceErrors';
import type { Logger } from '../logging';
import { formatClock, UTC, type TimeZone } from './cards/times';
import { recordTurnFailure } from '../telemetry/turnScope';

/** `zone`: the reader's, for a time in the sentence ("changed 19:05 UTC+05:30"). */
export function describeError(err: unknown, logger: Logger, params: UserErrorParams = {}, zone: TimeZone = UTC): string {
  const userError = toUserError(err, params);
  recordTurnFailure(userError.code);
  const cause = userError.cause ?? err;
  const level = userError.code === 'INTERNAL' ? 'error' : 'warn';
  logger[level](
    { code: userError.code, cause: cause instanceof Error ? { name: cause.name, code: (cause as { code?: unknown }).code } : undefined, err: level === 'error' ? cause : undefined },
    'turn failed',
  );
  return userError.messageFor((iso) => formatClock(iso, zone));
}
