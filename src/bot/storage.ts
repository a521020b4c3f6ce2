/**
 * Where dialog state lives. Memory for one process; Azure Blob Storage when several
 * instances share conversations behind a load balancer (Azurite locally).
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { AppConfig } from '../config';

export function createStorage(state: AppConfig['state']): Storage {
  if (state.kind === 'blob') return new BlobsStorage(state.connectionString, state.container);
  return new MemoryStorage();
}
