/** Verb `help.show`: the help card. */
import { helpCard } from '../cards/generalCards';
import { showCard } from '../replies';
import type { VerbHandler } from './verbContext';

export const handleShowHelp: VerbHandler = async ({ turn }) => showCard(turn, helpCard());
