/**
 * Universal Actions' automatic refresh fires by itself only in personal chats. In group
 * chats and channels Teams refreshes a card only for the users listed in
 * `refresh.userIds` (at most 60), so a card posted there lists the people who acted on it
 * (the list travels in the refresh data, newest first) and carries a Refresh button for
 * everyone else.
 */
import type { AdaptiveCardJson } from './renderCard';

export const MAX_REFRESH_USERS = 60;

/** A Teams user id as the Bot Framework gives it (29:...), or a test channel's plain id. */
const USER_ID = /^[A-Za-z0-9:._@-]{1,256}$/;

export interface RefreshAudience {
  /** Group chat or channel (including private and shared channels). */
  group: boolean;
  /** Who acted, newest first: they see the card refresh automatically. */
  userIds: string[];
}

/** The key under which the list travels in the refresh action's data. */
export const REFRESH_FOR = 'refreshFor';

/** The list a card action brought back: strings that look like user ids, nothing else. */
export function previousRefreshUsers(data: Record<string, unknown> | undefined): string[] {
  const list = data?.[REFRESH_FOR];
  return Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string' && USER_ID.test(id)).slice(0, MAX_REFRESH_USERS) : [];
}

export function scopeRefresh(card: AdaptiveCardJson, audience: RefreshAudience): AdaptiveCardJson {
  const refresh = card.refresh as { action?: Record<string, unknown>; userIds?: unknown } | undefined;
  if (!audience.group || !refresh?.action) return card;
  const userIds = [...new Set(audience.userIds.filter((id) => USER_ID.test(id)))].slice(0, MAX_REFRESH_USERS);
  const action: Record<string, unknown> = { ...refresh.action, data: { ...(refresh.action.data as Record<string, unknown> | undefined), [REFRESH_FOR]: userIds } };
  const actions = Array.isArray(card.actions) ? (card.actions as Array<Record<string, unknown>>) : [];
  const hasButton = actions.some((a) => a.verb === action.verb);
  return {
    ...card,
    refresh: { ...refresh, action, userIds },
    actions: hasButton ? actions : [...actions, { ...action, title: 'Refresh' }],
  };
}
