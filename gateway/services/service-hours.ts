/**
 * Service hours (jam layanan) as operators write them: in the reference data for an
 * institution (its 4 hours count only in them) and in LAPOR_ESCALATION for the regent's
 * office (escalations to it wait for them). Each must say where it comes from (`source`:
 * a decree, a published page, or "operator's choice"), so that nobody later mistakes an
 * assumption for a rule.
 */
import type { ServiceHours } from '../../src/contract/index.js';
import { createCalendar, withServiceHours } from '../../src/sla/index.js';

export interface SourcedServiceHours extends ServiceHours {
  /** Where these hours come from, or that they are the operator's choice. */
  source: string;
}

const PROBE = createCalendar({ timeZone: 'Asia/Jakarta' });

/** Checks one `{days, start, end, source}`; throws an Error naming `where` and the fault. */
export function readServiceHours(raw: unknown, where: string): SourcedServiceHours {
  const v = raw as Partial<Record<'days' | 'start' | 'end' | 'source', unknown>> | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where}: expected {"days": [1, …], "start": "HH:MM", "end": "HH:MM", "source": "…"}`);
  const extra = Object.keys(v).filter((k) => !['days', 'start', 'end', 'source'].includes(k));
  if (extra.length) throw new Error(`${where}: unknown key "${extra[0]}" (days, start, end, source)`);
  if (!Array.isArray(v.days) || !v.days.length || !v.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new Error(`${where}.days: a list of weekdays, 1 = Monday … 7 = Sunday`);
  }
  for (const key of ['start', 'end'] as const) {
    if (typeof v[key] !== 'string' || !/^\d{2}:\d{2}$/.test(v[key])) throw new Error(`${where}.${key}: a local time "HH:MM"`);
  }
  if (typeof v.source !== 'string' || !v.source.trim()) {
    throw new Error(`${where}.source: say where these hours come from (a decree, a published page), or "operator's choice"`);
  }
  const hours = { days: [...new Set(v.days as number[])].sort((a, b) => a - b), start: v.start as string, end: v.end as string };
  try {
    withServiceHours(PROBE, hours);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  return { ...hours, source: v.source.trim() };
}

/** What the engine and the wire carry: the hours without their source. */
export function bareHours(h: ServiceHours): ServiceHours {
  return { days: [...h.days], start: h.start, end: h.end };
}
