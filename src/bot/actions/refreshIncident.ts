/**
 * Verb `incident.refresh`: Universal Actions' automatic refresh, so a person who opens an
 * incident card later sees its current state. The card's banner ("Incident N created")
 * travels in the refresh data and is kept, length-limited.
 */
import { incidentCard } from '../cards/incidentCards';
import { incidentNumberFrom } from '../cardActions';
import { showCard } from '../replies';
import { requireIncidentNumber } from './incidentNumber';
import type { VerbHandler } from './verbContext';

export const handleRefreshIncident: VerbHandler = async ({ turn, data, services }) => {
  const incident = await services.incidents.getIncident(requireIncidentNumber(incidentNumberFrom(data)));
  const banner = typeof data.banner === 'string' ? data.banner.slice(0, 200) : '';
  await showCard(turn, incidentCard(incident, banner));
};
