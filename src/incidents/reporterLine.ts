/**
 * The reporter, recorded in the incident itself: Sentinel names the bot as the creator, and
 * a report nobody takes would otherwise name no person anywhere in the incident.
 */
import { LIMITS } from './limits';
import type { Person } from './types';

export function reporterLine(reporter: Person): string {
  const name = reporter.name || reporter.userPrincipalName || reporter.objectId;
  const address = reporter.email || reporter.userPrincipalName;
  const who = address && address !== name ? `${name} (${address})` : name;
  return `Reported by ${who} from Microsoft Teams`;
}

/**
 * The description with the reporter's line after the person's text. The person's text is
 * never cut for it: when both do not fit Sentinel's limit, the line is left out (the
 * attribution comment still names the reporter).
 */
export function describedWithReporter(description: string | undefined, reporter: Person | undefined): string | undefined {
  if (!reporter) return description || undefined;
  const line = reporterLine(reporter);
  if (!description) return Array.from(line).length <= LIMITS.descriptionMax ? line : undefined;
  const combined = `${description}\n\n${line}`;
  return Array.from(combined).length <= LIMITS.descriptionMax ? combined : description;
}
