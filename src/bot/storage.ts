/**
 * Where dialog state lives, written conditionally. Memory for one process; Azure Blob
 * Storage when several instances share conversations behind a load balancer (Azurite
 * locally). In Azure the account is reached with the managed identity (Storage Blob Data
 * Contributor), so no key or connection string exists to leak; a connection string is
 * still accepted.
 *
 * botbuilder's BotState writes with eTag "*" (last writer wins), so two instances handling
 * the same person's presses at once could each save a different draft, and the person
 * would review one and create the other. Every write here names the version it read (or
 * that there was none); a write against a version someone else has replaced fails with a
 * StateConflictError, and the caller re-reads.
 */
import type { TokenCredential } from '@azure/identity';
import type { StateConfig } from '../config';

export type StateValue = Record<string, unknown>;

export interface StateRecord {
  value: StateValue;
  eTag: string;
}

export class StateConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
  constructor(readonly key: string) {
    super('Dialog state was changed by another turn since it was read');
    this.name = 'StateConflictError';
  }
}

export interface StateStore {
  read(key: string): Promise<StateRecord | undefined>;
  /** `eTag` undefined: the key must not exist yet. Returns the new eTag. */
  write(key: string, value: StateValue, eTag: string | undefined): Promise<string>;
  delete(key: string): Promise<void>;
}

export class MemoryStateStore implements StateStore {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  private version = 0;

  async read(key: string): Promise<StateRecord | undefined> {
    const item = this.items.get(key);
    return item ? { value: JSON.parse(item.json) as StateValue, eTag: item.eTag } : undefined;
  }

  async write(key: string, value: StateValue, eTag: string | undefined): Promise<string> {
    const current = this.items.get(key);
    if ((current?.eTag ?? undefined) !== eTag) throw new StateConflictError(key);
    this.version += 1;
    const next = `"${this.version}"`;
    this.items.set(key, { json: JSON.stringify(value), eTag: next });
    return next;
  }

  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }
}

interface BlobClientLike {
  download(): Promise<{ etag?: string; readableStreamBody?: NodeJS.ReadableStream }>;
}

/** Blob names as botbuilder-azure-blobs writes them, so state written before still reads. */
function blobName(key: string): string {
  return encodeURIComponent(key.split('/').filter(Boolean).join('/')).slice(0, 1024);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export class BlobStateStore implements StateStore {
  private ready?: Promise<unknown>;

  constructor(private readonly container: import('@azure/storage-blob').ContainerClient) {}

  private init(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async read(key: string): Promise<StateRecord | undefined> {
    await this.init();
    try {
      const blob: BlobClientLike = this.container.getBlobClient(blobName(key));
      const res = await blob.download();
      if (!res.readableStreamBody || !res.etag) return undefined;
      const parsed = JSON.parse(await readAll(res.readableStreamBody)) as unknown;
      const value = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as StateValue) : {};
      return { value, eTag: res.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async write(key: string, value: StateValue, eTag: string | undefined): Promise<string> {
    await this.init();
    const body = JSON.stringify(value);
    try {
      const res = await this.container.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
        conditions: eTag === undefined ? { ifNoneMatch: '*' } : { ifMatch: eTag },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return res.etag ?? '';
    } catch (err) {
      // 412: changed since read; 409: created by someone else since we saw it missing.
      if (statusOf(err) === 412 || statusOf(err) === 409) throw new StateConflictError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.init();
    await this.container.deleteBlob(blobName(key)).catch((err: unknown) => {
      if (statusOf(err) !== 404) throw err;
    });
  }
}

export async function createStorage(state: StateConfig, credential?: () => TokenCredential): Promise<StateStore> {
  if (state.kind === 'memory') return new MemoryStateStore();
  return new BlobStateStore(await blobContainer(state, credential));
}

/** The state's Blob container (also where the feed's poll lease lives). */
export async function blobContainer(state: Exclude<StateConfig, { kind: 'memory' }>, credential?: () => TokenCredential): Promise<import('@azure/storage-blob').ContainerClient> {
  // Loaded only when used: most single-instance set-ups never need the Azure Storage SDK.
  const { ContainerClient } = await import('@azure/storage-blob');
  if ('accountUrl' in state) {
    const containerUrl = `${state.accountUrl}/${encodeURIComponent(state.container)}`;
    return new ContainerClient(containerUrl, (credential ?? defaultCredential)());
  }
  return new ContainerClient(state.connectionString, state.container);
}

function defaultCredential(): TokenCredential {
  // Managed identity in Azure (AZURE_CLIENT_ID picks the user-assigned one), `az login` on a laptop.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential();
}
