/**
 * Where dialog state lives. Memory for one process; Azure Blob Storage when several
 * instances share conversations behind a load balancer (Azurite locally).
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import type { AppConfig } from '../config';

export async function createStorage(state: AppConfig['state']): Promise<Storage> {
  if (state.kind === 'blob') {
    // Loaded only when used: most single-instance set-ups never need the Azure Storage SDK.
    const { BlobsStorage } = await import('botbuilder-azure-blobs');
    return new BlobsStorage(state.connectionString, state.container);
  }
  return new MemoryStorage();
}
