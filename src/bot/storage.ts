/**
 * Where dialog state lives. Memory for one process; Azure Blob Storage when several
 * instances share conversations behind a load balancer (Azurite locally). In Azure the
 * account is reached with the managed identity (Storage Blob Data Contributor), so no
 * key or connection string exists to leak; a connection string is still accepted.
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import type { TokenCredential } from '@azure/identity';
import type { StateConfig } from '../config';

export async function createStorage(state: StateConfig, credential?: () => TokenCredential): Promise<Storage> {
  if (state.kind === 'memory') return new MemoryStorage();
  // Loaded only when used: most single-instance set-ups never need the Azure Storage SDK.
  const { BlobsStorage } = await import('botbuilder-azure-blobs');
  if ('accountUrl' in state) {
    const containerUrl = `${state.accountUrl}/${encodeURIComponent(state.container)}`;
    return new BlobsStorage('', state.container, undefined, containerUrl, (credential ?? defaultCredential)());
  }
  return new BlobsStorage(state.connectionString, state.container);
}

function defaultCredential(): TokenCredential {
  // Managed identity in Azure (AZURE_CLIENT_ID picks the user-assigned one), `az login` on a laptop.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential();
}
