import { UserError } from '../../incidents/errors';

/** Card data from a forged or broken card may lack a usable number. */
export function requireIncidentNumber(n: number | undefined): number {
  if (n === undefined) throw new UserError('INVALID_INPUT', { detail: 'That card has no valid incident number. Type "show 405211" with the number you mean.' });
  return n;
}
