/**
 * The Bot Framework adapter and the one way an HTTP request reaches it. With an app id,
 * every inbound token is verified (issuer, audience, signing keys, channel endorsement,
 * lifetime, service URL) against the configured OpenID metadata; nothing else in the bot
 * accepts activities.
 */
import { CloudAdapter, type Activity, type ActivityHandler, type TurnContext } from 'botbuilder';
import type { UserTokenClient } from 'botframework-connector';
import type { BotAuthConfig } from '../config';
import { randomUUID } from 'node:crypto';
import { currentLogContext, runWithLogContext, type Logger } from '../logging';
import { checkActivity } from './inboundActivity';
import { createAuthentication, InboundAuthError } from './inboundAuth';

export interface InboundAnswer {
  status: number;
  /** Sent as JSON; undefined means an empty body. */
  body?: unknown;
  /** Why the request was refused, for the log (never sent). */
  refusal?: 'invalid-activity' | 'unauthorized' | 'unavailable' | 'failed';
}

/** CloudAdapter, with the step after HTTP parsing reachable (CloudAdapter.process also parses). */
export class BotAdapter extends CloudAdapter {
  run(authorization: string, activity: Activity, bot: ActivityHandler): ReturnType<CloudAdapter['processActivity']> {
    return this.processActivity(authorization, activity, (context) => bot.run(context));
  }
}

export class BotEndpoint {
  constructor(
    readonly adapter: BotAdapter,
    private readonly bot: ActivityHandler,
    private readonly logger: Logger,
  ) {}

  /** Runs one inbound activity (already parsed JSON) and says what to answer. */
  async handle(body: Record<string, unknown>, authorization: string): Promise<InboundAnswer> {
    const activity = checkActivity(body);
    if (!activity) return { status: 400, refusal: 'invalid-activity' };
    try {
      const response = await this.adapter.run(authorization, activity, this.bot);
      return { status: response?.status ?? 200, body: response?.body };
    } catch (err) {
      if (err instanceof InboundAuthError) return { status: err.statusCode, refusal: err.failure };
      this.logger.error({ err }, 'activity failed outside the turn');
      return { status: 500, refusal: 'failed' };
    }
  }
}

/** Replacements for tests (see AppOverrides). */
export interface AdapterOverrides {
  /** botbuilder's user-token client, built by a test against a local token service. */
  userTokenClient?: UserTokenClient;
}

export function createAdapter(auth: BotAuthConfig, logger: Logger, overrides: AdapterOverrides = {}): BotAdapter {
  const adapter = new BotAdapter(createAuthentication(auth, logger, overrides.userTokenClient));
  // The turn's ids on every log line it writes (ids only, never text); the correlation id
  // comes from the HTTP request that carried the activity.
  adapter.use(async (context, next) => {
    const a = context.activity;
    // Proactive turns (card updates, notifications) have no request of their own: they get an id here.
    const correlationId = currentLogContext()?.correlationId || randomUUID();
    await runWithLogContext({ correlationId, activityId: a.id, conversationId: a.conversation?.id, activityType: a.type }, async () => {
      logger.info({ channelId: a.channelId, name: a.name }, 'turn');
      await next();
    });
  });
  adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'unhandled turn error');
    // Invokes expect a response object, not a message; the adapter answers them with an error status.
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Nothing was changed; please try again.').catch(() => undefined);
    }
  };
  return adapter;
}
