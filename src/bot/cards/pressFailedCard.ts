/**
 * The last resort when a pressed card cannot be drawn again (Sentinel is down, or the incident
 * is gone): a card with the pressed card's heading, the reason, and a way on. A read is offered
 * again as it was pressed; a write is never repeated by one click, its card is offered instead.
 */
import type { Command } from '../command';
import { renderCard, type AdaptiveCardJson } from './renderCard';

interface Way {
  heading: string;
  retry?: { title: string; verb: string; data: Record<string, unknown> };
}

const windowed = (offset: number | undefined): Record<string, unknown> => (offset ? { offset } : {});

function wayOf(command: Command): Way {
  switch (command.kind) {
    case 'showIncident':
    case 'refreshIncident':
      return { heading: `Incident ${command.incidentNumber}`, retry: { title: 'Try again', verb: 'incident.show', data: { incidentNumber: String(command.incidentNumber) } } };
    case 'showTasks':
      return { heading: `Tasks of incident ${command.incidentNumber}`, retry: { title: 'Try again', verb: 'tasks.show', data: { incidentNumber: String(command.incidentNumber), ...windowed(command.offset) } } };
    case 'completeTask':
    case 'addTask':
      return { heading: `Tasks of incident ${command.incidentNumber}`, retry: { title: 'Show tasks', verb: 'tasks.show', data: { incidentNumber: String(command.incidentNumber) } } };
    case 'taskHistory':
      return { heading: `Task history of incident ${command.incidentNumber}`, retry: { title: 'Try again', verb: 'tasks.history', data: { incidentNumber: String(command.incidentNumber), ...windowed(command.offset) } } };
    case 'looseEnds':
      return { heading: 'Loose ends', retry: { title: 'Try again', verb: 'incidents.looseEnds', data: windowed(command.offset) } };
    case 'myIncidents':
      return { heading: 'Your open incidents', retry: { title: 'Try again', verb: 'incidents.mine', data: { page: command.page ?? 1 } } };
    case 'feedDigest':
      return { heading: 'New incidents', retry: { title: 'Try again', verb: 'feed.digest', data: { digest: command.digest, ...windowed(command.offset) } } };
    default:
      return 'incidentNumber' in command
        ? { heading: `Incident ${command.incidentNumber}`, retry: { title: 'Show incident', verb: 'incident.show', data: { incidentNumber: String(command.incidentNumber) } } }
        : { heading: 'That did not work' };
  }
}

/** `gone`: the incident no longer exists, so nothing about it is offered again. */
export function pressFailedCard(command: Command, sentence: string, gone = false): AdaptiveCardJson {
  const way = wayOf(command);
  const retry = gone && 'incidentNumber' in command ? undefined : way.retry;
  return renderCard('pressFailed', { heading: way.heading, message: sentence, retryVerb: retry?.verb ?? '', retryTitle: retry?.title ?? '', retryData: retry?.data ?? {} });
}
