/**
 * PDFs are proven by parsing, not by `%PDF-`: the file must have a PDF header, end in a
 * `startxref <offset> %%EOF` whose offset points at a cross-reference table or stream,
 * parse completely with pdf-lib (throwOnInvalidObject: a malformed object refuses the
 * file instead of being skipped) and have a page tree with at least one page.
 *
 * Then every indirect object pdf-lib found is walked, including the objects it unpacked
 * from compressed object streams (/ObjStm, FlateDecode and the other standard filters)
 * and names written with #xx escapes (/J#53 is /JS: pdf-lib decodes them). pdf-lib reads
 * the file front to back, not only through the xref, so objects of every incremental
 * update, and orphans a repairing viewer might resurrect, are walked too. Refused: any
 * dictionary key or name value that makes a viewer run or open something (ACTIVE below):
 * JavaScript anywhere (an /OpenAction or /AA running JavaScript is caught by its /S
 * /JavaScript or /JS), launch actions, embedded files, RichMedia (Flash/3D), XFA forms.
 *
 * Bounded (issue 23: a 1.5 MB PDF whose object stream inflated to 1.5 GB was checked for
 * 12.8 s at 2.7 GB of memory). pdf-lib decodes the streams it must parse at load — object
 * streams (/ObjStm) and cross-reference streams (/XRef), through any chain of the
 * standard filters — in one place, `ByteStream.fromPDFRawStream`. That one function is
 * replaced here by a capped decode: pdf-lib's own decoders, read 64 kB at a time, stopped
 * once the document's budget (`maxDecodedBytes` for all its streams together,
 * `maxObjects` for the objects they declare and hold) is spent: "too complex", 413.
 * Capping the decoder pdf-lib calls, rather than pre-scanning the file for the streams it
 * will decode, leaves nothing to miss: a pre-scan would have to find exactly the streams
 * pdf-lib finds (names written with #xx escapes, junk between objects, incremental
 * updates, filter chains), and any stream it missed would be inflated uncapped. The
 * budget lives in an AsyncLocalStorage, so proofs interleaved on one thread each keep
 * their own. This runs in a worker (proof-pool.ts) with a heap limit and a time limit
 * besides, should anything else in pdf-lib blow up.
 *
 * What this cannot see, said plainly: the inside of content streams, fonts and images
 * (drawing operators and glyphs; no viewer executes JavaScript from them); strings of an
 * encrypted PDF (names stay readable; an object stream that does not decode and parse
 * refuses the file); bytes between objects that pdf-lib skips as junk (viewers
 * skip them too). The file is stored as sent: rewriting it would break digital signatures
 * on letters, which residents attach as evidence.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { formatBytes } from '../http/errors.js';
import { fileError } from './file-error.js';

export interface PdfLimits {
  /** Bytes all of a document's decoded streams may add up to. */
  maxDecodedBytes: number;
  /** Objects a document may hold (its own and those its object streams declare). */
  maxObjects: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxDecodedBytes: 8 * 1024 * 1024, maxObjects: 100_000 };

/** Thrown by the capped decoder; provePdf answers it with a 413. */
class TooComplex extends Error {}

interface Budget {
  limits: PdfLimits;
  bytes: number;
  objects: number;
  /** Set once spent: pdf-lib catches what its parsers throw and tries again, so it is remembered here. */
  spent?: 'bytes' | 'objects';
}

const budgets = new AsyncLocalStorage<Budget>();

/** pdf-lib's byte stream over a raw stream's decoded contents (pdf-lib/cjs/core/parser/ByteStream.js, as pdf-lib 1.17 loads it). */
interface ByteStreamClass {
  of(bytes: Uint8Array): unknown;
  fromPDFRawStream(raw: PDFRawStream): unknown;
}
const ByteStream = (createRequire(import.meta.url)('pdf-lib/cjs/core/parser/ByteStream.js') as { default: ByteStreamClass }).default;
const uncapped = ByteStream.fromPDFRawStream.bind(ByteStream);

/** The decoded contents of `raw`, charged to the current document's budget (uncapped outside a proof). */
ByteStream.fromPDFRawStream = (raw: PDFRawStream) => {
  const budget = budgets.getStore();
  if (!budget) return uncapped(raw);
  const spend = (what: 'bytes' | 'objects'): never => {
    budget.spent = what;
    throw new TooComplex(what);
  };
  if (budget.spent) spend(budget.spent);
  if (raw.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')) {
    const n = raw.dict.lookup(PDFName.of('N'));
    budget.objects += n instanceof PDFNumber ? Math.max(0, n.asNumber()) : 0;
    if (budget.objects > budget.limits.maxObjects) spend('objects');
  }
  const stream = decodePDFRawStream(raw);
  // pdf-lib's decoder keeps what it has decoded: read it 64 kB at a time to see the
  // budget run out early, then take the whole from it without another copy.
  let size = 0;
  for (let part = stream.getBytes(64 * 1024); part.length; part = stream.getBytes(64 * 1024)) {
    size += part.length;
    budget.bytes += part.length;
    if (budget.bytes > budget.limits.maxDecodedBytes) spend('bytes');
  }
  stream.reset();
  return ByteStream.of(stream.getBytes(size) as Uint8Array);
};

/** Dictionary keys and name values that mean active content (after pdfid.py's keywords: see the test). */
const ACTIVE_KEYS = new Set(['/JavaScript', '/JS', '/AA', '/XFA', '/EmbeddedFiles', '/EF', '/RichMediaContent', '/RichMediaSettings', '/Launch']);
const ACTIVE_NAMES = new Set(['/JavaScript', '/Launch', '/EmbeddedFile', '/RichMedia']);

const HEADER = /^%PDF-(?:1\.[0-7]|2\.0)\s/;
const TAIL = /startxref\s+(\d+)\s+%%EOF\s*$/;

/** Where structure is missing or broken: undefined when the skeleton is sound. */
function structuralProblem(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 16)).toString('latin1');
  if (!HEADER.test(head)) return 'header';
  // %%EOF may be followed by a little whitespace or padding; the trailer must be near the end.
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  const m = TAIL.exec(tail.replace(/\0+$/, ''));
  if (!m) return 'trailer';
  const offset = Number(m[1]);
  if (!(offset > 0 && offset < bytes.length)) return 'startxref';
  const at = Buffer.from(bytes.subarray(offset, offset + 32)).toString('latin1');
  if (!/^(?:xref\b|\d+\s+\d+\s+obj\b)/.test(at)) return 'startxref';
  return undefined;
}

/** The first active-content marker in `doc`, e.g. "/JavaScript", or undefined. */
export function findActiveContent(doc: PDFDocument): string | undefined {
  const stack: unknown[] = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  const seen = new Set<unknown>();
  while (stack.length) {
    const o = stack.pop();
    if (seen.has(o)) continue;
    seen.add(o);
    if (o instanceof PDFRawStream) stack.push(o.dict);
    else if (o instanceof PDFDict) {
      for (const [key, value] of o.entries()) {
        if (ACTIVE_KEYS.has(key.asString())) return key.asString();
        stack.push(value);
      }
    } else if (o instanceof PDFArray) stack.push(...o.asArray());
    else if (o instanceof PDFName && ACTIVE_NAMES.has(o.asString())) return o.asString();
  }
  return undefined;
}

/** Throw a localized 415 (413 when too complex to check) naming the file unless `bytes` is a sound PDF without active content. */
export async function provePdf(bytes: Uint8Array, name: string, lang: string, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<void> {
  const invalid = () => fileError(415, 'gatewayError.pdf_invalid', { name }, lang);
  const tooComplex = () => fileError(413, 'gatewayError.pdf_too_complex', { name, max: formatBytes(limits.maxDecodedBytes), objects: limits.maxObjects }, lang);
  if (structuralProblem(bytes)) throw invalid();
  let doc: PDFDocument;
  const budget: Budget = { limits, bytes: 0, objects: 0 };
  try {
    // ignoreEncryption: a permissions-only encrypted letter is fine; its names stay readable.
    doc = await budgets.run(budget, () => PDFDocument.load(bytes, { throwOnInvalidObject: true, ignoreEncryption: true, updateMetadata: false }));
    if (doc.context.enumerateIndirectObjects().length > limits.maxObjects) budget.spent = 'objects';
    if (budget.spent) throw new TooComplex(budget.spent);
    if (doc.getPageCount() < 1) throw new Error('no pages');
  } catch {
    throw budget.spent ? tooComplex() : invalid();
  }
  const active = findActiveContent(doc);
  if (active) throw fileError(415, 'gatewayError.pdf_active_content', { name, what: active }, lang);
}
