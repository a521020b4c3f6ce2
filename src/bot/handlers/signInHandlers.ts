/** `sign out`: the bot forgets the person's sign-in and every token it holds for them. */
import { textReply, type Reply } from '../reply';
import type { HandlerContext } from './context';

export async function signOut(ctx: HandlerContext): Promise<Reply> {
  if (!ctx.signOut) {
    return textReply('Nothing to sign out of', 'I make changes in Microsoft Sentinel with my own identity here, so you have no sign-in with me to end.');
  }
  if ((await ctx.signOut()) === 'tokensOnly') {
    return textReply(
      'Not fully signed out',
      "I dropped every token I held for you, but Teams' sign-in service didn't answer, so your sign-in there may still stand and I could use it again. Please say \"sign out\" again in a minute.",
      'error',
    );
  }
  return textReply('Signed out', "You're signed out: I no longer hold any token for you. The next time you ask me for something in Microsoft Sentinel, I'll ask you to sign in.", 'good');
}
