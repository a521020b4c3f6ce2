/**
 * Both state stores refuse a write over a version other than the one read, and the
 * creation of a key someone else has just created: the conditions the bot's dialog state
 * relies on (the Blob one against Azurite, as in production against Azure Storage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { BlobStateStore, MemoryStateStore, StateConflictError, type StateStore } from '../../src/bot/storage';
import { startAzurite } from '../helpers/processes';

let dir: string;
let azurite: { connectionString: string; stop(): Promise<void> };
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
  azurite = await startAzurite(dir);
}, 60000);
afterAll(async () => {
  await azurite?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const stores: Array<[string, () => StateStore]> = [
  ['memory', () => new MemoryStateStore()],
  ['blob (Azurite)', () => new BlobStateStore(new ContainerClient(azurite.connectionString, `s${Date.now()}${Math.floor(Math.random() * 1e6)}`))],
];

describe.each(stores)('%s state store', (_name, make) => {
  it('writes over the version it read, and refuses a stale one', async () => {
    const store = make();
    const key = 'msteams/conversations/c1/users/u1';
    expect(await store.read(key)).toBeUndefined();
    const v1 = await store.write(key, { step: 'form' }, undefined);
    const read = await store.read(key);
    expect(read).toEqual({ value: { step: 'form' }, eTag: v1 });
    const v2 = await store.write(key, { step: 'review', title: 'A' }, v1);
    expect(v2).not.toBe(v1);
    // A second writer that read v1 loses, and the winner's value stays.
    await expect(store.write(key, { step: 'review', title: 'B' }, v1)).rejects.toBeInstanceOf(StateConflictError);
    expect((await store.read(key))?.value).toEqual({ step: 'review', title: 'A' });
  });

  it('lets only one of two writers create a key', async () => {
    const store = make();
    const key = 'msteams/conversations/c2/users/u1';
    const results = await Promise.allSettled([store.write(key, { who: 1 }, undefined), store.write(key, { who: 2 }, undefined)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(StateConflictError);
  });

  it('deletes, and a deleted key can be created again', async () => {
    const store = make();
    const key = 'k/with spaces/ünïcode';
    await store.write(key, { a: 1 }, undefined);
    await store.delete(key);
    await store.delete(key);
    expect(await store.read(key)).toBeUndefined();
    await store.write(key, { a: 2 }, undefined);
    expect((await store.read(key))?.value).toEqual({ a: 2 });
  });
});
