/**
 * "Simpan sebagai gambar": the tracking number and access code drawn on a small PNG the
 * citizen keeps in their photos or prints, for people without a pen at hand. Canvas only
 * (no library, nothing fetched); works under the strict CSP (a blob: download link).
 */
import { formatAccessCode } from '../../contract/access-code.js';

export interface CodeCard {
  title: string;
  trackingLabel: string;
  trackingId: string;
  codeLabel: string;
  accessToken: string;
  note: string;
}

const WIDTH = 720;
const MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace';
const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Lines of at most `max` px in the canvas's current font (the note is a sentence or two). */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The card as a PNG blob: black on white, large monospace codes. */
export async function drawCodeCard(card: CodeCard): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const scale = 2; // sharp when zoomed or printed
  const measure = canvas.getContext('2d')!;
  measure.font = `20px ${SANS}`;
  const note = wrap(measure, card.note, WIDTH - 64);
  const height = 300 + note.length * 28;
  canvas.width = WIDTH * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = '#1b1f24';
  ctx.textBaseline = 'top';
  ctx.font = `bold 26px ${SANS}`;
  ctx.fillText(card.title, 32, 28);
  const row = (label: string, value: string, y: number) => {
    ctx.font = `20px ${SANS}`;
    ctx.fillText(label, 32, y);
    ctx.font = `bold 40px ${MONO}`;
    ctx.fillText(value, 32, y + 28);
  };
  row(card.trackingLabel, card.trackingId, 84);
  row(card.codeLabel, formatAccessCode(card.accessToken), 170);
  ctx.font = `20px ${SANS}`;
  note.forEach((line, i) => ctx.fillText(line, 32, 264 + i * 28));
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}

/** Offer the blob as a download named after the report. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
