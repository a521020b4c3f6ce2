/** Help and short notices. */
import { renderCard, type AdaptiveCardJson } from './renderCard';

/** Where a command is worth listing: a personal chat, a shared place (channel, group chat), or both. */
type HelpWhere = 'personal' | 'shared' | 'both';

const HELP_ENTRIES: ReadonlyArray<{ example: string; description: string; where: HelpWhere }> = [
  { example: 'report phishing email pretending to be the CEO', description: 'Report suspicious activity: a short card creates a Sentinel incident ("report" alone works too).', where: 'personal' },
  { example: 'my incidents', description: 'Your open incidents (New or Active), newest first.', where: 'personal' },
  { example: 'show 405211', description: 'The incident card: status, owner, tags, with buttons to change it.', where: 'both' },
  { example: 'show tasks for 405211', description: 'The tasks of an incident, who created and completed them (also: tasks 405211).', where: 'both' },
  { example: 'assign 405211 to me', description: 'Take an incident: you become its owner (asks first when someone else owns it).', where: 'both' },
  { example: 'assign 405211 to @Ada', description: 'Hand an incident to someone: mention them or type their name.', where: 'both' },
  { example: 'unassign 405211', description: 'Remove the owner; asks first when it is someone else.', where: 'both' },
  { example: 'set severity of 405211 to high', description: 'Change the severity (High, Medium, Low, Informational); "critical" or "sev1" is read as High, and asked about first.', where: 'both' },
  { example: 'set status of 405211 to active', description: 'Change the status (New, Active); "in progress" is read as Active, "resolved" opens the close card; "reopen 405211" reopens.', where: 'both' },
  { example: 'close 405211', description: 'Close with a classification; warns about open tasks.', where: 'both' },
  { example: 'comment 405211 Called the user, sign-in confirmed', description: 'Add a comment, signed with your name.', where: 'both' },
  { example: 'complete task 2 of 405211', description: 'Complete a task by its number or title (complete task forwarding of 405211).', where: 'both' },
  { example: 'add task Call the manager to 405211', description: 'Add a task to an incident.', where: 'both' },
  { example: 'task history for 405211', description: 'Who created, completed, reopened or deleted each task, and when.', where: 'both' },
  { example: 'watch incidents', description: 'Post a card here for every new incident (or "watch high incidents", "watch unassigned new incidents"; in a team, "watch incidents in #soc" for another channel); each card stays up to date.', where: 'shared' },
  { example: 'what are you watching?', description: 'Which incidents this conversation gets cards for.', where: 'shared' },
  { example: 'unwatch', description: 'Stop posting new incidents here.', where: 'shared' },
  { example: 'loose ends', description: 'Closed incidents that still have open tasks.', where: 'both' },
  { example: 'report phishing email pretending to be the CEO', description: 'Report suspicious activity: a short card creates a Sentinel incident; everyone here sees the card.', where: 'shared' },
  { example: 'sign out', description: 'End your sign-in: I drop every token I hold for you (also: log out).', where: 'personal' },
  { example: 'cancel', description: 'Stop the report you are filling in.', where: 'both' },
];

/** The commands worth listing in a place, in the order they are most used there. */
export function helpCommandsFor(conversation: HelpPlace['conversation']): Array<{ example: string; description: string }> {
  const here = conversation === 'personal' ? 'personal' : 'shared';
  return HELP_ENTRIES.filter((c) => c.where === 'both' || c.where === here).map(({ example, description }) => ({ example, description }));
}

/** Every command as a personal chat lists it. */
export const HELP_COMMANDS = helpCommandsFor('personal');

const DEFAULT_INTRO = 'I help your SOC handle Microsoft Sentinel incidents right here in Teams. Try one of these:';

/** Where the person is talking to the bot: in a channel or group chat, messages must mention it. */
export interface HelpPlace {
  conversation: 'personal' | 'groupChat' | 'channel';
  /** The bot's name as Teams shows it, for "@Sentinel Incidents show 405211". */
  botName?: string;
}

/** The place an activity came from, read from the fields Teams sends with every activity. */
export function helpPlaceOf(activity: { conversation?: { conversationType?: string }; recipient?: { name?: string } }): HelpPlace {
  const type = activity.conversation?.conversationType;
  return { conversation: type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal', botName: activity.recipient?.name };
}

const PLACE_INTRO: Record<HelpPlace['conversation'], string> = {
  personal: DEFAULT_INTRO,
  groupChat: 'In a group chat, start each message with @{bot} so I see it. Everyone here can follow what I answer. Try one of these:',
  channel: 'In a channel, start each message with @{bot} so I see it; my answers are visible to the whole channel. Try one of these:',
};

const helpCache = new Map<string, AdaptiveCardJson>();

/** The help card never changes for a place, and "help" is the most common turn: expand it once per place. */
export function helpCard(intro?: string, place: HelpPlace = { conversation: 'personal' }): AdaptiveCardJson {
  const shared = place.conversation !== 'personal';
  const bot = (place.botName ?? '').replace(/[\r\n]/g, ' ').slice(0, 80).trim() || 'Sentinel Incidents';
  const text = intro ?? PLACE_INTRO[place.conversation].replace('{bot}', bot);
  const listed = helpCommandsFor(place.conversation);
  const commands = shared ? listed.map((c) => ({ ...c, example: `@${bot} ${c.example}` })) : listed;
  const key = `${text}\u0000${place.conversation}\u0000${shared ? bot : ''}`;
  let card = helpCache.get(key);
  if (!card) {
    card = Object.freeze(renderCard('help', { intro: text, commands })) as AdaptiveCardJson;
    if (helpCache.size < 32) helpCache.set(key, card);
  }
  return card;
}

export function noticeCard(heading: string, message: string, options: { tone?: 'info' | 'error' | 'good'; showHelp?: boolean } = {}): AdaptiveCardJson {
  const color = options.tone === 'error' ? 'Attention' : options.tone === 'good' ? 'Good' : 'Default';
  return renderCard('notice', { heading, message, color, showHelp: options.showHelp ?? false });
}

/**
 * A consequential write asked about first. The confirm button carries what the person saw
 * (`expectedOwner`, "none" for nobody; `closedAt` for a reopen), so a press after the incident
 * changed asks again.
 */
export interface ConfirmOptions {
  heading: string;
  message: string;
  confirmTitle: string;
  confirmVerb: string;
  keepTitle: string;
  incidentNumber: number;
  expectedOwner?: string;
  /** The object id of the person the incident goes to (handing over). */
  assignee?: string;
  /** Reopening: when the closed incident last changed, the status it gets, and the card to answer with. */
  closedAt?: string;
  status?: string;
  then?: string;
  /** The button that does nothing: shows the incident, or its tasks. */
  keepVerb?: 'incident.show' | 'tasks.show';
}

export function confirmCard(options: ConfirmOptions): AdaptiveCardJson {
  return renderCard('confirm', {
    ...options,
    expectedOwner: options.expectedOwner ?? '',
    assignee: options.assignee ?? '',
    closedAt: options.closedAt ?? '',
    status: options.status ?? '',
    then: options.then ?? '',
    keepVerb: options.keepVerb ?? 'incident.show',
    incidentNumber: String(options.incidentNumber),
  });
}

/** "Which Ada do you mean?": one button per person the name fits. */
/** How many people a "Which Ada?" card offers: more is a list to read, not a choice. */
export const PEOPLE_CHOICES = 5;

export function choosePersonCard(options: { heading: string; message: string; incidentNumber: number; expectedOwner: string; people: Array<{ objectId: string; name: string; detail: string }> }): AdaptiveCardJson {
  const people = options.people.slice(0, PEOPLE_CHOICES).map((p) => ({ ...p, name: p.name.slice(0, 256), detail: p.detail.slice(0, 256) }));
  return renderCard('choosePerson', { ...options, people, incidentNumber: String(options.incidentNumber) });
}

/**
 * A mapped value asked about: the confirm button carries the incident, the value and the value
 * the person saw (`expected`), so a forged or stale press can be told apart. Cancel shows the
 * incident unchanged.
 */
export interface ConfirmValueOptions {
  heading: string;
  message: string;
  confirmTitle: string;
  /** `incident.confirmValue`, or `incident.closeForm` for Closed (the close card asks for a classification). */
  confirmVerb: string;
  incidentNumber: number;
  field: 'severity' | 'status';
  value: string;
  expected: string;
  typed: string;
}

export function confirmValueCard(options: ConfirmValueOptions): AdaptiveCardJson {
  return renderCard('confirmValue', { ...options, incidentNumber: String(options.incidentNumber) });
}

/**
 * A message not understood, or read two ways: the likeliest commands as buttons, each running
 * exactly what it shows.
 */
export function didYouMeanCard(suggestions: readonly string[], ask?: { heading: string; message: string }): AdaptiveCardJson {
  return renderCard('didYouMean', {
    heading: ask?.heading ?? "I didn't catch that",
    message: ask?.message ?? (suggestions.length ? 'Did you mean one of these? Or see everything I can do:' : 'Here is everything I can do:'),
    suggestions: suggestions.map((text) => ({ text })),
  });
}
