/** Verb `help.show`: the help card. */
import { helpCard } from '../cards/cardData';
import { showCard } from '../replies';
import type { VerbHandler } from './verbContext';

export const handleShowHelp: VerbHandler = async ({ turn }) => showCard(turn, helpCard());
