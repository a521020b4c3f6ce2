/** Help and short notices. */
import { renderCard, type AdaptiveCardJson } from './renderCard';

export const HELP_COMMANDS = [
  { example: 'report phishing email pretending to be the CEO', description: 'Report suspicious activity: a short card creates a Sentinel incident ("report" alone works too).' },
  { example: 'show tasks for 405211', description: 'The tasks of an incident, who created and completed them (also: tasks 405211).' },
  { example: 'assign 405211 to me', description: 'Take an incident: you become its owner.' },
  { example: 'assign 405211 to @Ada', description: 'Hand an incident to someone: mention them or type their name.' },
  { example: 'unassign 405211', description: 'Remove the owner; asks first when it is someone else.' },
  { example: 'show 405211', description: 'The incident card: status, owner, tags, with buttons to change it.' },
  { example: 'my incidents', description: 'Your open incidents (New or Active), newest first.' },
  { example: 'set severity of 405211 to high', description: 'Change the severity (High, Medium, Low, Informational).' },
  { example: 'set status of 405211 to active', description: 'Change the status (New, Active); "reopen 405211" reopens a closed one.' },
  { example: 'close 405211', description: 'Close with a classification; warns about open tasks.' },
  { example: 'comment 405211 Called the user, sign-in confirmed', description: 'Add a comment, signed with your name.' },
  { example: 'complete task 2 of 405211', description: 'Complete a task by its number or title (complete task forwarding of 405211).' },
  { example: 'add task Call the manager to 405211', description: 'Add a task to an incident.' },
  { example: 'task history for 405211', description: 'Who created, completed, reopened or deleted each task, and when.' },
  { example: 'loose ends', description: 'Closed incidents that still have open tasks.' },
  { example: 'cancel', description: 'Stop the report you are filling in.' },
  { example: 'sign out', description: 'End your sign-in: I drop every token I hold for you (also: log out).' },
];

const DEFAULT_INTRO = 'I help your SOC handle Microsoft Sentinel incidents right here in Teams. Try one of these:';

/** Where the person is talking to the bot: in a channel or group chat, messages must mention it. */
export interface HelpPlace {
  conversation: 'personal' | 'groupChat' | 'channel';
  /** The bot's name as Teams shows it, for "@Sentinel Incidents show 405211". */
  botName?: string;
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
  const commands = shared ? HELP_COMMANDS.map((c) => ({ ...c, example: `@${bot} ${c.example}` })) : HELP_COMMANDS;
  const key = `${text}\u0000${shared ? bot : ''}`;
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
export function choosePersonCard(options: { heading: string; message: string; incidentNumber: number; expectedOwner: string; people: Array<{ objectId: string; name: string; detail: string }> }): AdaptiveCardJson {
  return renderCard('choosePerson', { ...options, incidentNumber: String(options.incidentNumber) });
}

/** A message not understood: the likeliest commands as buttons, each running exactly what it shows. */
export function didYouMeanCard(suggestions: readonly string[]): AdaptiveCardJson {
  return renderCard('didYouMean', {
    heading: "I didn't catch that",
    message: suggestions.length ? 'Did you mean one of these? Or see everything I can do:' : 'Here is everything I can do:',
    suggestions: suggestions.map((text) => ({ text })),
  });
}
