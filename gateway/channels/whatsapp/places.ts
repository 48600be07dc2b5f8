/**
 * Places in words, for the location step: what a shared point falls in (the locator's
 * nearest kecamatan centre from the reference data: approximate, and said so), and which
 * reference places typed words name ("pasar genteng" names Kecamatan Genteng; "genteng
 * kulon, genteng" names Desa Genteng Kulon, the more specific of the two).
 */
import type { Location } from '../../../src/contract/index.js';
import { LIMITS } from '../../../src/contract/index.js';
import { fold } from './commands.js';
import type { NamedPlace } from './conversation.js';

const KIND_WORDS = /^(?:desa|kelurahan|kecamatan|kabupaten|kota|provinsi)\s+/;
const SPECIFIC: Record<Location['kind'], number> = { desa: 0, kelurahan: 0, kecamatan: 1, regency: 2, province: 3 };

/** "Desa Genteng Kulon, Kecamatan Genteng, Kabupaten Banyuwangi" → without the regency and province. */
export function placeWords(l: Pick<Location, 'path' | 'kind' | 'name'>): string {
  const parts = l.path.split(',').map((p) => p.trim());
  const local = parts.filter((p) => !/^(?:kabupaten|kota|provinsi)\b/i.test(p));
  return (local.length ? local : [l.name]).join(', ');
}

export class Places {
  /** Folded names without their kind word ("genteng kulon"), per location. */
  private readonly names: { location: Location; words: string }[];

  constructor(locations: Iterable<Location>) {
    this.names = [...locations]
      .filter((l) => l.kind === 'desa' || l.kind === 'kelurahan' || l.kind === 'kecamatan')
      .map((location) => ({ location, words: fold(location.name).replace(KIND_WORDS, '') }))
      .filter((n) => n.words.length >= 3);
  }

  /** Reference places named in `typed`, most specific first; one that contains another drops the other. */
  named(typed: string): NamedPlace[] {
    const words = ` ${fold(typed)} `;
    const hits = this.names.filter((n) => words.includes(` ${n.words} `)).map((n) => n.location);
    // "Genteng Kulon, Genteng": the desa's own path names the kecamatan, which adds nothing.
    const kept = hits.filter((h) => !hits.some((o) => o !== h && SPECIFIC[o.kind] < SPECIFIC[h.kind] && o.path.includes(h.name)));
    kept.sort((a, b) => SPECIFIC[a.kind] - SPECIFIC[b.kind] || a.name.localeCompare(b.name));
    return kept.map((l) => ({ name: l.name, locationId: l.id, text: textFor(typed, l) }));
  }
}

/** What the report says: the citizen's words when they say more than the place's name (a street, a market), else the place. */
function textFor(typed: string, l: Location): string {
  const extra = ` ${fold(typed)} `.replace(` ${fold(l.name).replace(KIND_WORDS, '')} `, ' ').replace(/\b(?:desa|kelurahan|kecamatan|kec|kel|ds)\b/g, ' ').trim();
  const words = extra ? typed.trim() : placeWords(l);
  return words.slice(0, LIMITS.locationText.max);
}
