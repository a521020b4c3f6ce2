/** The sender of a turn as handlers see them (see handlers/context.ts). */
import type { TurnContext } from 'botbuilder';
import type { AccessPolicy } from './access';
import type { Caller } from './handlers/context';
import { MemberDirectory, senderAsPerson, senderKey } from './person';

/** `access` absent: everyone may change incidents (a dialog driven on its own). */
export function callerOf(turn: TurnContext, access?: AccessPolicy, directory: MemberDirectory = new MemberDirectory()): Caller {
  return {
    key: senderKey(turn),
    person: () => senderAsPerson(turn),
    responder: async () => directory.withDetails(turn, access ? await access.requireResponder(turn) : senderAsPerson(turn)),
    withDetails: (person) => directory.withDetails(turn, person),
    mayTriage: async () => (access ? access.mayTriage(turn) : true),
  };
}
