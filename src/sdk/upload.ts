/**
 * Upload with real progress. fetch can only report upload progress through request
 * streaming, which needs HTTP/2 and is not in every browser, so browsers use
 * XMLHttpRequest's `upload.onprogress`. Node has no XHR: it falls back to fetch (the
 * caller then reports progress once, at the end).
 */
import type { Headers_ } from './http.js';
import type { RawResponse } from './response.js';
import type { UploadProgress } from './types.js';

export const canXhrUpload = (): boolean => typeof XMLHttpRequest !== 'undefined';

/**
 * Progress is reported in bytes of the file (the multipart envelope scaled away), and
 * always ends with `loaded === total`: some paths (a service worker in between) give no
 * upload events at all, and a progress bar must still complete.
 */
export function xhrUpload(
  url: string,
  body: FormData,
  size: number,
  headers: Headers_,
  signal: AbortSignal,
  onProgress?: (p: UploadProgress) => void,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    let sent = 0;
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (!e.lengthComputable || !e.total) return;
        sent = Math.min(size, Math.round((size * e.loaded) / e.total));
        onProgress({ loaded: sent, total: size });
      };
    }
    const onAbort = () => xhr.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      if (onProgress && sent < size) onProgress({ loaded: size, total: size });
      resolve({ status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()), text: xhr.responseText, startedAt: 0, endedAt: 0 });
    };
    // Same outcome as a failed fetch: the Http layer turns it into a network error,
    // a timeout, or the caller's AbortError, depending on who stopped it.
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => {
      done();
      reject(new TypeError('Network request failed'));
    };
    xhr.send(body);
  });
}

function parseHeaders(all: string): Headers {
  const headers = new Headers();
  for (const line of all.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}
