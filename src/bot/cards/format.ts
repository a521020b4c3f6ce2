/** Formatting shared by the cards: times, severity colours, closing text. */
import type { Closure, Severity } from '../../incidents/types';
import { classificationText } from './sentinelNames';

export const SEVERITY_COLOR: Record<Severity, string> = {
  High: 'Attention',
  Medium: 'Warning',
  Low: 'Accent',
  Informational: 'Default',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20 Nov 2026, 09:15 UTC": unambiguous for a team spread over time zones. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export function closingText(closure: Closure | undefined): string {
  if (!closure) return '';
  const comment = closure.classificationComment ? ` (${closure.classificationComment})` : '';
  return `${classificationText(closure.classification, closure.classificationReason)}${comment}`;
}

/** "by Ada Lovelace, 20 Nov 2026, 09:15 UTC", leaving out what is unknown. */
export function byAt(by: string | undefined, at: string | undefined): string {
  return [by ? `by ${by}` : '', formatTime(at)].filter(Boolean).join(', ');
}
