/**
 * The Bot Framework adapter. With an app id, CloudAdapter verifies every inbound token
 * (issuer, audience, signing keys); nothing else in the bot accepts activities.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { BotAuthConfig } from '../config';
import { randomUUID } from 'node:crypto';
import { runWithLogContext, type Logger } from '../logging';

export function createAdapter(auth: BotAuthConfig, logger: Logger): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: auth.appId ?? '',
    MicrosoftAppPassword: auth.appPassword ?? '',
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(authentication);
  // One correlation id per turn, on every log line the turn writes (ids only, never text).
  adapter.use(async (context, next) => {
    const a = context.activity;
    await runWithLogContext({ correlationId: randomUUID(), activityId: a.id, conversationId: a.conversation?.id, activityType: a.type }, async () => {
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
