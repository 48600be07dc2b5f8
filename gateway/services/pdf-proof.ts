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
 * What this cannot see, said plainly: the inside of content streams, fonts and images
 * (drawing operators and glyphs; no viewer executes JavaScript from them); strings of an
 * encrypted PDF (names stay readable; an object stream that does not decode and parse
 * refuses the file); bytes between objects that pdf-lib skips as junk (viewers
 * skip them too). The file is stored as sent: rewriting it would break digital signatures
 * on letters, which residents attach as evidence.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { fileError } from './file-error.js';

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

/** Throw a localized 415 naming the file unless `bytes` is a sound PDF without active content. */
export async function provePdf(bytes: Uint8Array, name: string, lang: string): Promise<void> {
  const invalid = () => fileError(415, 'gatewayError.pdf_invalid', { name }, lang);
  if (structuralProblem(bytes)) throw invalid();
  let doc: PDFDocument;
  try {
    // ignoreEncryption: a permissions-only encrypted letter is fine; its names stay readable.
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, ignoreEncryption: true, updateMetadata: false });
    if (doc.getPageCount() < 1) throw new Error('no pages');
  } catch {
    throw invalid();
  }
  const active = findActiveContent(doc);
  if (active) throw fileError(415, 'gatewayError.pdf_active_content', { name, what: active }, lang);
}
