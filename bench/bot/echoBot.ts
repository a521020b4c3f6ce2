/**
 * The floor: a bot that only echoes, behind the same restify + CloudAdapter set-up as ours.
 * Whatever our bot costs beyond this is ours. Given a card file (second argument), it answers
 * every message with that card instead: the floor for a bot whose answer is a card, which
 * separates the cost of sending a 5 KB card from the cost of deciding what to send.
 */
import fs from 'node:fs';
import restify from 'restify';
import { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const port = Number(process.argv[2] ?? 3999);
const cardFile = process.argv[3];
const card: unknown = cardFile ? JSON.parse(fs.readFileSync(cardFile, 'utf8')) : undefined;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  // A fresh copy per turn, as a bot that builds its answer would send.
  if (card) await context.sendActivity({ attachments: [CardFactory.adaptiveCard(structuredClone(card))] });
  else await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
  await next();
});
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', (_req, res, next) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(port, '127.0.0.1');
// Exit normally when stopped, so a profile asked for with BENCH_CPU_PROF is written.
process.once('SIGTERM', () => process.exit(0));
