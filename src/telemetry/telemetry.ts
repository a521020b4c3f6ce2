/**
 * What an operator sees of the bot in Application Insights (or another OpenTelemetry backend):
 * one span per turn, one child span per Azure attempt, and counters and histograms for
 * turns, commands, Azure calls, throttling and channel posts.
 *
 * Only closed vocabularies are recorded: activity types, channel and conversation types,
 * command names, card verbs the bot knows, error codes, HTTP methods, route templates with
 * every id replaced, status codes and durations. Never message text, names, user or
 * conversation ids, incident titles or numbers.
 *
 * Without configured providers every call lands in OpenTelemetry's no-op API: nothing is
 * exported and the cost is a few property writes per turn.
 */
import {
  metrics,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import type { AzureAttemptRecord } from '../azure/httpClient';
import { routeTemplate } from './routes';
import { currentTurnScope, recordTurnFailure, runInTurnScope, type TurnScope } from './turnScope';

export const INSTRUMENTATION_NAME = 'sentinel-teams-bot';

/** What the turn is, from the activity's envelope only. */
export interface TurnFacts {
  activityType: string;
  /** e.g. msteams, emulator, webchat. */
  channelId: string;
  /** personal, groupChat or channel (private and shared channels are channels to the bot). */
  conversationType: string;
  /** The turn's correlation id, also sent to Azure as x-ms-client-request-id. */
  correlationId?: string;
}

/** One attempt of one Azure request, as the HTTP pipeline reports it to its observer. */
export type AzureAttempt = AzureAttemptRecord;

export type FeedOutcome = 'posted' | 'updated' | 'failed';

export interface TelemetryProviders {
  tracerProvider?: TracerProvider;
  meterProvider?: MeterProvider;
  /** Flushes and stops the exporters (process shutdown). */
  shutdown?: () => Promise<void>;
}

export class Telemetry {
  private readonly tracer: Tracer;
  private readonly turns: Counter;
  private readonly turnDuration: Histogram;
  private readonly commands: Counter;
  private readonly azureCalls: Counter;
  private readonly azureDuration: Histogram;
  private readonly throttled: Counter;
  private readonly feedPosts: Counter;

  constructor(private readonly providers: TelemetryProviders = {}) {
    this.tracer = (providers.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_NAME);
    const meter = (providers.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_NAME);
    this.turns = meter.createCounter('bot.turns', { description: 'Turns handled, by activity type, conversation type, command and outcome' });
    this.turnDuration = meter.createHistogram('bot.turn.duration', { unit: 'ms', description: 'Time from the activity arriving to the turn ending' });
    this.commands = meter.createCounter('bot.commands', { description: 'Commands and card actions run, by name' });
    this.azureCalls = meter.createCounter('azure.requests', { description: 'Attempts of Azure requests, by host, route and status' });
    this.azureDuration = meter.createHistogram('azure.request.duration', { unit: 'ms', description: 'Latency of each Azure attempt' });
    this.throttled = meter.createCounter('azure.throttled', { description: 'Azure answers 429 (throttling), by host and route' });
    this.feedPosts = meter.createCounter('bot.channel_posts', { description: 'Cards posted or updated in channels by the bot on its own' });
  }

  /** Runs one turn inside its span; commands and Azure calls made during it attach to it. */
  async runTurn<T>(facts: TurnFacts, fn: () => Promise<T>): Promise<T> {
    const attributes: Attributes = {
      'bot.activity.type': facts.activityType,
      'bot.channel': facts.channelId,
      'bot.conversation.type': facts.conversationType,
    };
    if (facts.correlationId) attributes['bot.correlation_id'] = facts.correlationId;
    const span = this.tracer.startSpan('bot.turn', { kind: SpanKind.SERVER, attributes });
    const state: TurnScope = { span, outcome: 'ok' };
    const started = performance.now();
    try {
      return await runInTurnScope(state, fn);
    } catch (err) {
      state.outcome = 'unhandled';
      throw err;
    } finally {
      const metricAttributes: Attributes = {
        'bot.activity.type': facts.activityType,
        'bot.conversation.type': facts.conversationType,
        'bot.command': state.command ?? 'none',
        'bot.outcome': state.outcome,
      };
      span.setAttributes({ 'bot.command': state.command ?? 'none', 'bot.outcome': state.outcome });
      if (state.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: state.outcome });
      span.end();
      this.turns.add(1, metricAttributes);
      this.turnDuration.record(performance.now() - started, metricAttributes);
    }
  }

  /** The command or card verb this turn runs: a name from the bot's own vocabulary. */
  command(name: string): void {
    const state = currentTurnScope();
    if (state) state.command = name;
    this.commands.add(1, { 'bot.command': name });
  }

  /** The turn ended with a typed error shown to the person (its code, never its text). */
  failure(code: string): void {
    recordTurnFailure(code);
  }

  /** One Azure attempt: a client span under the current turn, and its metrics. */
  azureAttempt(a: AzureAttempt): void {
    const route = routeTemplate(a.path);
    const attributes: Attributes = {
      'http.request.method': a.method.toUpperCase(),
      'server.address': a.host,
      'url.template': route,
      'azure.attempt': a.attempt,
    };
    if (a.status !== undefined) attributes['http.response.status_code'] = a.status;
    if (a.errorCode) attributes['error.type'] = a.errorCode;
    const parent = currentTurnScope()?.span;
    const span = this.tracer.startSpan(
      `${a.method.toUpperCase()} ${route}`,
      { kind: SpanKind.CLIENT, startTime: new Date(a.startedAt), attributes },
      parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
    const failed = a.errorCode !== undefined || (a.status !== undefined && a.status >= 400);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: a.errorCode ?? String(a.status) });
    span.end(new Date(a.startedAt + a.durationMs));
    const metricAttributes: Attributes = {
      'server.address': a.host,
      'url.template': route,
      'http.response.status_code': a.status ?? 0,
      'error.type': a.errorCode ?? 'none',
    };
    this.azureCalls.add(1, metricAttributes);
    this.azureDuration.record(a.durationMs, metricAttributes);
    if (a.status === 429) this.throttled.add(1, { 'server.address': a.host, 'url.template': route });
  }

  /** A card the bot posted or updated in a channel on its own (not as a reply). */
  channelPost(outcome: FeedOutcome): void {
    this.feedPosts.add(1, { 'bot.post.outcome': outcome });
  }

  async shutdown(): Promise<void> {
    await this.providers.shutdown?.();
  }
}
