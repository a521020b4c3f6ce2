/** Formatting shared by the cards: severity colours, closing text (times: ./times.ts). */
import type { Closure, Severity } from '../../incidents/types';
import { classificationText, severityName } from './sentinelNames';

/**
 * Severity on a card: a colour plus a marker, never colour alone. a short word in Teams' "Warning"
 * yellow is hard to read on the light theme and "Accent" blue on the dark one, so only High keeps a colour
 * ("Attention", which every theme, high contrast included, maps to a readable red); the others
 * use the default text colour, which each theme guarantees is readable, and differ by marker.
 * Templates show severity bolder, so it stands out without relying on colour.
 */
export const SEVERITY_COLOR: Record<Severity, string> = {
  High: 'Attention',
  Medium: 'Default',
  Low: 'Default',
  Informational: 'Default',
};

const SEVERITY_MARKER: Record<Severity, string> = { High: '▲', Medium: '◆', Low: '▽', Informational: 'ℹ' };

/** "◆ Medium": the marker tells severities apart in any theme and for colour-blind readers. */
export function severityLabel(severity: string): string {
  const marker = (SEVERITY_MARKER as Record<string, string>)[severity];
  return marker ? `${marker} ${severityName(severity)}` : severityName(severity);
}

/**
 * Colour of a notice line. Anything still needing work is never "Good"; it stays in the default
 * text colour (the banner is bold), because Teams' "Warning" yellow is hard to read as body text
 * on the light theme. Attention (a readable red in every theme) is kept for what failed.
 */
export type Tone = 'good' | 'warning' | 'attention';
export const TONE_COLOR: Record<Tone, string> = { good: 'Good', warning: 'Default', attention: 'Attention' };

/** Colours no body text uses: yellow on the light theme, blue on the dark one. */
export const UNREADABLE_TEXT_COLORS: readonly string[] = ['Warning', 'Accent'];

export function closingText(closure: Closure | undefined): string {
  if (!closure) return '';
  const comment = closure.classificationComment ? ` (${closure.classificationComment})` : '';
  return `${classificationText(closure.classification, closure.classificationReason)}${comment}`;
}
