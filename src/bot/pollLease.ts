/**
 * The feed's poll lease on Azure Blob Storage (Azurite locally): a lease on one empty blob in the
 * state container. Each process proposes its own random lease id, so a restarted process is a
 * new instance: it takes over only once the old lease has expired (at most its duration) or
 * was released on shutdown. Holding the lease needs the same rights as the state itself
 * (Storage Blob Data Contributor).
 */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import type { StateConfig } from '../config';
import { LocalPollLease, type PollLease } from '../feed/lease';
import { blobContainer } from './storage';

const LEASE_BLOB = 'feed-poller.lease';

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

export class BlobPollLease implements PollLease {
  readonly renewEveryMs: number;
  private held = false;
  private ready?: Promise<void>;
  private readonly id = randomUUID();

  constructor(
    private readonly container: ContainerClient,
    private readonly seconds: number,
  ) {
    // A third of the duration: two renewals can fail (a blip) before the lease lapses.
    this.renewEveryMs = Math.floor((seconds * 1000) / 3);
  }

  private lease(): ReturnType<ReturnType<ContainerClient['getBlobClient']>['getBlobLeaseClient']> {
    return this.container.getBlobClient(LEASE_BLOB).getBlobLeaseClient(this.id);
  }

  private ensureBlob(): Promise<void> {
    this.ready ??= (async () => {
      await this.container.createIfNotExists();
      await this.container
        .getBlockBlobClient(LEASE_BLOB)
        .upload('', 0, { conditions: { ifNoneMatch: '*' } })
        .catch((err: unknown) => {
          // 409: it exists and is leased; 412: it exists. Either way there is a blob to lease.
          if (statusOf(err) !== 409 && statusOf(err) !== 412) throw err;
        });
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  async hold(): Promise<boolean> {
    try {
      return await this.holdOnce();
    } catch (err) {
      // The blob (or its container) was deleted: made again at the next attempt.
      if (statusOf(err) === 404) {
        this.ready = undefined;
        this.held = false;
      }
      throw err;
    }
  }

  private async holdOnce(): Promise<boolean> {
    await this.ensureBlob();
    if (this.held) {
      try {
        await this.lease().renewLease();
        return true;
      } catch (err) {
        // 409: the lease lapsed and another instance took it (or the id no longer matches).
        if (statusOf(err) !== 409 && statusOf(err) !== 412) throw err;
        this.held = false;
      }
    }
    try {
      await this.lease().acquireLease(this.seconds);
      this.held = true;
    } catch (err) {
      if (statusOf(err) !== 409) throw err;
      this.held = false;
    }
    return this.held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.lease().releaseLease();
  }
}

export async function createPollLease(state: StateConfig, seconds: number, credential?: () => TokenCredential): Promise<PollLease> {
  if (state.kind === 'memory') return new LocalPollLease();
  return new BlobPollLease(await blobContainer(state, credential), seconds);
}
