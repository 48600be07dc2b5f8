/**
 * Upload with real progress. fetch can only report upload progress through request
 * streaming, which needs HTTP/2 and is not in every browser, so browsers use
 * XMLHttpRequest's `upload.onprogress`. Node has no XHR: it falls back to fetch (the
 * caller then reports progress once, at the end).
 */
import type { UploadProgress } from './types.js';

export const canXhrUpload = (): boolean => typeof XMLHttpRequest !== 'undefined';

/**
 * A `fetch` for ky that sends `body` with XMLHttpRequest: ky built `request` (URL,
 * headers from its hooks, the signal that carries its timeout and the caller's abort)
 * and still retries and times out the upload. Progress is reported in bytes of the file
 * (the multipart envelope scaled away), and always ends with `loaded === total`: some
 * paths (a service worker in between) give no upload events at all, and a progress bar
 * must still complete.
 */
export function xhrUpload(request: Request, body: FormData, size: number, onProgress?: (p: UploadProgress) => void): Promise<Response> {
  const { signal } = request;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    // Not Content-Type: XHR writes the multipart boundary of the FormData it sends.
    request.headers.forEach((value, name) => name === 'content-type' || xhr.setRequestHeader(name, value));
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
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()) }));
    };
    // Same outcome as a failed fetch: ky and the Http layer turn it into a network error,
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
