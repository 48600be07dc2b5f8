/** Contract-valid payloads for SDK tests, built fresh each call so tests can mutate them. */
import { INSTITUTION_KINDS, type Attachment, type Config, type Report, type ReportEvent, type ReportInput, type SlaPolicy } from '../../src/contract/index.js';

export const API = 'https://gw.test';
export const TRACKING_ID = 'LPR-7K3M-Q9XD';
export const OTHER_ID = 'LPR-ABCD-EFGH';
export const TOKEN = 'tok_Secret-AccessCode_1234567890';
export const OTHER_TOKEN = 'tok_Other-AccessCode_0987654321';
export const NOW = '2026-11-28T08:00:00.000Z';

export function report(overrides: Partial<Report> = {}): Report {
  return {
    trackingId: TRACKING_ID,
    status: 'submitted',
    classification: 'complaint',
    title: 'Jalan berlubang di Genteng',
    body: 'Jalan di depan pasar Genteng berlubang besar sejak dua minggu lalu.',
    incidentDate: '2026-11-20',
    location: { text: 'Pasar Genteng' },
    attachments: [],
    anonymous: false,
    secret: false,
    channel: 'web',
    timeline: [{ id: 't1', at: NOW, type: 'status', status: 'submitted', from: null }],
    responses: [],
    clocks: [
      {
        id: 'local.handle',
        state: 'running',
        startedAt: NOW,
        dueAt: '2026-11-28T12:00:00.000Z',
        pausedMs: 0,
        limit: { amount: 4, unit: 'hours' },
        timeZone: 'Asia/Jakarta',
      },
    ],
    upstream: { state: 'disabled' },
    createdAt: NOW,
    updatedAt: NOW,
    serverTime: NOW,
    ...overrides,
  };
}

export function reportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    classification: 'complaint',
    title: 'Jalan berlubang di Genteng',
    body: 'Jalan di depan pasar Genteng berlubang besar sejak dua minggu lalu.',
    incidentDate: '2026-11-20',
    location: { text: 'Pasar Genteng' },
    ...overrides,
  };
}

export function config(serverTime = NOW): Config {
  return {
    institutions: [{ id: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd', timeZone: 'Asia/Jakarta' }],
    categories: [{ id: 'jalan', name: { id: 'Jalan', en: 'Roads' } }],
    classifications: ['complaint', 'aspiration', 'info_request'],
    attachments: { maxBytes: 2097152, maxFiles: 5, mimeTypes: ['application/pdf', 'image/jpeg', 'image/png'] },
    // The record is keyed by the InstitutionKind enum, so zod wants every kind present.
    slaPolicies: Object.fromEntries(INSTITUTION_KINDS.map((kind) => [kind, policy(kind)])) as Config['slaPolicies'],
    locales: ['id', 'en'],
    defaultTimeZone: 'Asia/Jakarta',
    serverTime,
  };
}

function policy(kind: string): SlaPolicy {
  return {
    id: `${kind}-default`,
    clocks: [{ id: 'local.handle', from: 'submitted', to: 'in_progress', limit: { amount: kind === 'kecamatan' ? 2 : 4, unit: 'hours' } }],
  };
}

export function attachment(): Attachment {
  return { id: 'att_1', name: 'foto.jpg', mime: 'image/jpeg', bytes: 1234 };
}

/** An event (`report.updated` unless `overrides` says otherwise; the caller keeps it coherent). */
export function event(id: string, overrides: Partial<Record<string, unknown>> & { trackingId?: string } = {}): ReportEvent {
  return {
    id,
    type: 'report.updated',
    trackingId: TRACKING_ID,
    at: NOW,
    report: report({ trackingId: overrides.trackingId ?? TRACKING_ID }),
    ...overrides,
  } as ReportEvent;
}

/** Fast, deterministic retries for tests: 1 ms backoff, no jitter randomness. */
export const FAST_RETRY = { limit: 3, backoffMs: 1, maxBackoffMs: 50, random: () => 0.5 };

/** Resolve once `check` is true (polling), or fail with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Run `fn` expecting it to reject; returns the rejection. */
export async function rejection(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a result');
}
