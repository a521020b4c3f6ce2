import type { AzureHttpClientOptions } from '../azure/httpClient';
import type { WorkspaceConfig } from '../config';

/** What the Sentinel and Log Analytics clients are built from; each derives its endpoint and scope. */
export type WorkspaceClientOptions = Omit<AzureHttpClientOptions, 'baseUrl' | 'scope' | 'api'> & { workspace: WorkspaceConfig };
