/**
 * The shape an inbound activity must have before the adapter sees it. botbuilder trusts
 * its input (a missing `type` or a numeric `conversation` throws deep inside it), so
 * everything it reads is checked here first: what is missing or of the wrong type is a
 * 400, never a crash or a 500.
 */
import type { Activity } from 'botbuilder';

type Json = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (max: number): Check => (v) => typeof v === 'string' && v.length <= max;
const nonEmpty = (max: number): Check => (v) => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const bool: Check = (v) => typeof v === 'boolean';
const obj: Check = isObject;
const list: Check = (v) => Array.isArray(v);

function httpUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 2048) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function shape(required: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (v) => {
    if (!isObject(v)) return false;
    for (const [key, check] of Object.entries(required)) if (!check(v[key])) return false;
    for (const [key, check] of Object.entries(optional)) if (v[key] !== undefined && v[key] !== null && !check(v[key])) return false;
    return true;
  };
}

const account = shape({ id: nonEmpty(1024) }, { name: str(1024), aadObjectId: str(256), role: str(64) });
const accounts: Check = (v) => Array.isArray(v) && v.length <= 1000 && v.every(account);

const REQUIRED: Record<string, Check> = {
  type: nonEmpty(64),
  channelId: nonEmpty(256),
  serviceUrl: httpUrl,
  from: account,
  recipient: account,
  conversation: shape({ id: nonEmpty(1024) }, { name: str(1024), tenantId: str(256), conversationType: str(64), isGroup: bool }),
};

const OPTIONAL: Record<string, Check> = {
  id: str(1024),
  text: str(100_000),
  textFormat: str(64),
  locale: str(64),
  timestamp: str(64),
  localTimestamp: str(64),
  replyToId: str(1024),
  name: str(256),
  deliveryMode: str(64),
  channelData: obj,
  attachments: list,
  entities: list,
  membersAdded: accounts,
  membersRemoved: accounts,
};

/** The activity, if it has the fields the adapter relies on with the types it expects. */
export function checkActivity(body: Json): Activity | undefined {
  for (const [key, check] of Object.entries(REQUIRED)) if (!check(body[key])) return undefined;
  for (const [key, check] of Object.entries(OPTIONAL)) if (body[key] !== undefined && body[key] !== null && !check(body[key])) return undefined;
  return body as unknown as Activity;
}
