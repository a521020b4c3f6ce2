/**
 * What a person sees in a Teams-like client: the Agents Playground (channel msteams)
 * rendering our cards in Chromium, with Universal Actions replacing cards in place.
 * One Playground serves every journey, in this order (later journeys start from the state
 * earlier ones left). `npm run screenshots` runs them with UPDATE_SCREENSHOTS=1 to refresh
 * docs/screenshots.
 */
import { startE2E, type E2E } from './playgroundHarness';
import { basicJourneys } from './journeys/basics';
import { cardPlaceJourneys } from './journeys/cardPlace';
import { channelJourneys } from './journeys/channel';
import { closingJourneys } from './journeys/closing';
import { conversationJourneys } from './journeys/conversation';
import { ownershipJourneys } from './journeys/ownership';

let e2e: E2E | undefined;

// A browser, the Playground and the bot share this machine's cores with whatever else runs: a
// step that misses its moment under load (a click landing while the Playground re-renders)
// runs once more. The first attempt's error and diagnostics stay in the log; a journey that
// fails twice fails the run.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

function session(): E2E {
  if (!e2e) throw new Error('the Playground did not start');
  return e2e;
}

describe('first steps', () => basicJourneys(session));
describe('understanding', () => conversationJourneys(session));
describe('ownership', () => ownershipJourneys(session));
describe('cards keep their place', () => cardPlaceJourneys(session));
describe('closing', () => closingJourneys(session));
describe('group chats and channels', () => channelJourneys(session));
