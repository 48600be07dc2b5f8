/**
 * The worker thread that checks one upload at a time (proof-pool.ts runs it, with a heap
 * limit and a time limit). It gets the request body as the main thread saved it to disk,
 * and does everything that costs memory or CPU in proportion to what a client sent:
 * parsing the multipart body, sniffing, decoding and re-encoding images (sharp),
 * parsing PDFs (pdf-lib, capped: pdf-proof.ts), and writing the file that is kept.
 * The main thread only records the row. Refusals come back as plain data (status, code,
 * message key, parameters, fields), already localized where the field needs it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import '../http/i18n.js';
import { ApiError, formatBytes } from '../http/errors.js';
import { cleanName, sniff } from './file-types.js';
import { proveImage } from './image-proof.js';
import { provePdf } from './pdf-proof.js';
import type { ProofJob, ProofResult } from './proof-pool.js';

/** Parse, sniff, prove and store one upload; throws an ApiError for the client. */
async function check(job: ProofJob): Promise<ProofResult & { ok: true }> {
  const { bytes, fileName } = job.fileName === undefined ? await fromForm(job) : { bytes: new Uint8Array(await readFile(job.bodyFile)), fileName: job.fileName || undefined };
  if (bytes.length > job.maxBytes) throw new ApiError(413, 'payload_too_large', { params: { max: formatBytes(job.maxBytes) } });
  const mime = sniff(bytes);
  if (!mime) throw new ApiError(415, 'unsupported_media_type');
  const name = cleanName(fileName, mime);
  let stored: Uint8Array;
  if (mime === 'application/pdf') {
    await provePdf(bytes, name, job.lang, job.pdf);
    stored = bytes;
  } else {
    stored = await proveImage(bytes, mime, name, job.lang, { maxPixels: job.maxImagePixels, timeoutSeconds: job.imageTimeoutSeconds });
  }
  await writeFile(job.storeAs, stored, { flag: 'wx' });
  return { ok: true, mime, name, bytes: stored.length };
}

/** The `file` field of a multipart body saved to disk. */
async function fromForm(job: ProofJob): Promise<{ bytes: Uint8Array; fileName: string }> {
  const body = await readFile(job.bodyFile);
  let form: FormData;
  try {
    // undici's multipart parser, as Hono's parseBody uses, on the saved body.
    form = await new Response(body, { headers: { 'Content-Type': job.contentType } }).formData();
  } catch {
    throw new ApiError(400, 'bad_request');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new ApiError(400, 'bad_request');
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
}

// Loaded (pdf-lib, sharp, the catalogs): the pool starts a job's clock only now.
parentPort!.postMessage('ready');

parentPort!.on('message', (job: ProofJob) => {
  check(job).then(
    (result) => parentPort!.postMessage(result),
    (err: unknown) => {
      const refusal: ProofResult =
        err instanceof ApiError
          ? { ok: false, status: err.status, code: err.code, options: { messageKey: err.options.messageKey, params: err.options.params, fields: err.options.fields } }
          : { ok: false, status: 415, code: 'unsupported_media_type', options: {} };
      parentPort!.postMessage(refusal);
    },
  );
});
