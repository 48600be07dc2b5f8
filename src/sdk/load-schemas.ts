/**
 * The client's validation layer (schemas.ts) on demand, once per page: the first call
 * of any client asks for it, in parallel with its request. A failed download (a chunk
 * lost on a bad connection) is a LaporNetworkError like any other failed request, and the
 * next call fetches it again.
 */
import { msg } from '../i18n/catalog.js';
import { LaporNetworkError, type RequestInfo } from './errors/index.js';

export type SchemaLayer = typeof import('./schemas.js');

let loading: Promise<SchemaLayer> | undefined;

export function loadSchemas(lang: string, request: RequestInfo): Promise<SchemaLayer> {
  loading ??= import('./schemas.js').catch((cause: unknown) => {
    loading = undefined;
    throw cause;
  });
  return loading.catch((cause: unknown) => {
    throw new LaporNetworkError(msg(lang, 'error.network'), { request, cause });
  });
}
