/**
 * Per-person, per-conversation state (botbuilder's PrivateConversationState keys) that
 * remembers which version it read and writes only over that version: see ./storage.ts.
 * A turn that loses the race gets a StateConflictError from saveChanges and can `reload`.
 */
import { calculateChangeHash, PrivateConversationState, type Storage, type StoreItem, type TurnContext } from 'botbuilder';
import type { StateStore, StateValue } from './storage';

interface Cached {
  state: StoreItem;
  hash: string;
  /** The version read; undefined when there was none. */
  eTag: string | undefined;
}

/** BotState insists on a Storage; every path that would use it is overridden here. */
const UNUSED: Storage = {
  read: () => Promise.reject(new Error('ConditionalConversationState reads through its StateStore')),
  write: () => Promise.reject(new Error('ConditionalConversationState writes through its StateStore')),
  delete: () => Promise.reject(new Error('ConditionalConversationState deletes through its StateStore')),
};

export class ConditionalConversationState extends PrivateConversationState {
  private readonly cacheKey = Symbol('conditionalState');

  constructor(private readonly store: StateStore) {
    super(UNUSED);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const record = await this.store.read(key);
    const state: StoreItem = { ...(record?.value ?? {}) };
    delete state.eTag;
    context.turnState.set(this.cacheKey, { state, hash: calculateChangeHash(state), eTag: record?.eTag } satisfies Cached);
    return state;
  }

  /** What is stored now, read without caching or change tracking (for turns that only ask). */
  async peek(context: TurnContext): Promise<StoreItem | undefined> {
    const record = await this.store.read(await this.storageKey(context));
    return record?.value;
  }

  /** Forgets what this turn read or changed, so the next access reads the stored version. */
  async reload(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.load(context, true);
  }

  override get(context: TurnContext): StoreItem | undefined {
    return (context.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }

  override async clear(context: TurnContext): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    context.turnState.set(this.cacheKey, { state: {}, hash: '', eTag: cached?.eTag } satisfies Cached);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!cached) {
      if (force) await this.load(context);
      else return;
    }
    const current = context.turnState.get(this.cacheKey) as Cached;
    if (!force && current.hash === calculateChangeHash(current.state)) return;
    const key = await this.storageKey(context);
    const value: StateValue = { ...current.state };
    delete value.eTag;
    // Throws StateConflictError when another turn saved since this one read.
    const eTag = await this.store.write(key, value, current.eTag);
    context.turnState.set(this.cacheKey, { state: current.state, hash: calculateChangeHash(current.state), eTag } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.store.delete(await this.storageKey(context));
  }
}
