/** The sender of a turn as handlers see them (see handlers/context.ts). */
import type { TurnContext } from 'botbuilder';
import type { AccessPolicy } from './access';
import type { Caller } from './handlers/context';
import { senderAsPerson, senderKey, withDirectoryDetails } from './person';

export function callerOf(turn: TurnContext, access?: AccessPolicy): Caller {
  return {
    key: senderKey(turn),
    person: () => senderAsPerson(turn),
    responder: () => (access ? access.requireResponder(turn) : withDirectoryDetails(turn, senderAsPerson(turn))),
    withDetails: (person) => withDirectoryDetails(turn, person),
  };
}
