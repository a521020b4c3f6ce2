/**
 * Kept so that older imports (src/directory) still compile; the client lives in
 * httpClient.ts. New code imports from './httpClient'.
 */
export { AzureHttpClient, type AzureHttpClientOptions, type HttpOptions, type HttpResponse, type HttpStats, type RequestOptions } from './httpClient';
