/**
 * A scripted admin gateway for `<lapor-admin-queue>` tests (msw): the queue, one report,
 * transitions with the gateway's own table (gateway/services/transitions.ts), the
 * admin ticket and stream, the compliance figures and reference names. Every payload goes
 * through the contract's schemas, so a fixture that drifts from the wire fails loudly.
 */
import { fixtureCleanup } from '@open-wc/testing';
import { http, HttpResponse, sse, type RequestHandler } from 'msw';
import * as z from 'zod/mini';
import {
  AdminReport,
  ComplianceReport,
  ReportEvent,
  TRACKING_ALPHABET,
  type Clock,
  type ReportStatus,
  type TransitionInput,
} from '../../src/contract/index.js';
import { buildReport } from '../fixtures/report-fixtures.js';
import { useMsw, worker } from '../helpers/msw.js';
import { ACTION_FROM, ACTION_TO } from '../../src/contract/transitions.js';

export const ADMIN_API = 'https://admin-gw.test';
export const TOKEN = 'tok-genteng-admin-0001';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const GENTENG = { id: 'kec-genteng', name: 'Kecamatan Genteng', kind: 'kecamatan', timeZone: 'Asia/Jakarta' } as const;
export const DINKES = { id: 'opd-dinkes', name: 'Dinas Kesehatan', kind: 'opd', timeZone: 'Asia/Jakarta' } as const;

/** A valid tracking number for a small integer: LPR-2222-2223 … */
export function trackingId(n: number): string {
  let s = '';
  for (let i = 0, v = n; i < 8; i++, v = Math.floor(v / TRACKING_ALPHABET.length)) s = TRACKING_ALPHABET[v % TRACKING_ALPHABET.length] + s;
  return `LPR-${s.slice(0, 4)}-${s.slice(4)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A running local.handle clock due `leftMs` from `now` (2 h limit: a kecamatan). */
export function handleClock(leftMs: number, now = Date.now()): Clock {
  return {
    id: 'local.handle',
    state: 'running',
    startedAt: iso(now + leftMs - 2 * HOUR),
    dueAt: iso(now + leftMs),
    stoppedAt: null,
    pausedMs: 0,
    limit: { amount: 2, unit: 'hours' },
    timeZone: 'Asia/Jakarta',
  };
}

export interface AdminReportOptions {
  n: number;
  leftMs?: number;
  status?: ReportStatus;
  title?: string;
  anonymous?: boolean;
  reporter?: AdminReport['reporter'];
  institution?: typeof GENTENG | typeof DINKES;
  categoryId?: string;
}

export function adminReport(o: AdminReportOptions): AdminReport {
  const now = Date.now();
  const status = o.status ?? 'submitted';
  const inst = o.institution ?? GENTENG;
  const base = buildReport({ trackingId: trackingId(o.n), status, title: o.title ?? `Laporan nomor ${o.n} tentang jalan rusak` });
  const clocks = o.leftMs === undefined ? [] : [handleClock(o.leftMs, now)];
  return z.parse(AdminReport, {
    ...base,
    institution: inst,
    institutionId: inst.id,
    categoryId: o.categoryId ?? 'cat-jalan',
    anonymous: o.anonymous ?? false,
    reporter: o.reporter === undefined ? { name: 'Siti Aminah', phone: '081234567890' } : o.reporter,
    clocks,
    nextDueAt: clocks[0]?.dueAt ?? null,
    createdAt: iso(now - 30 * MINUTE),
    updatedAt: iso(now - 20 * MINUTE),
    serverTime: iso(now),
  });
}

// The fake enforces the same table as the gateway (the contract's), so a test can only
// press buttons that the real gateway would also accept.
const FROM: Record<string, readonly ReportStatus[]> = ACTION_FROM;
const TO: Record<string, ReportStatus> = ACTION_TO;

/** The element's shadow root, queried; text with white space folded (what a reader hears). */
export const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
export const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const error = (code: string, status: number, message = code) => HttpResponse.json({ error: { code, message } }, { status });

interface Stream {
  open: boolean;
  send: (e: ReportEvent) => void;
}

export class FakeAdminGateway {
  readonly reports = new Map<string, AdminReport>();
  readonly transitions: { trackingId: string; input: TransitionInput }[] = [];
  readonly urls: string[] = [];
  readonly streams: Stream[] = [];
  /** Answer the next transition with this instead (a colleague's 409, a 403). */
  nextTransition: ((input: TransitionInput, report: AdminReport) => Response | void) | undefined;
  compliance: ComplianceReport | undefined;
  #seq = 0;

  add(...reports: AdminReport[]): void {
    for (const r of reports) this.reports.set(r.trackingId, r);
  }

  /** Send an event for `report` (as the gateway now has it) on every open stream. */
  push(report: AdminReport, type: ReportEvent['type'] = 'report.updated', from?: ReportStatus): void {
    this.reports.set(report.trackingId, report);
    const { institutionId: _i, reporter: _r, nextDueAt: _n, ...citizen } = report;
    const id = `${++this.#seq}-0`;
    const event = z.parse(ReportEvent, {
      id,
      type,
      trackingId: report.trackingId,
      at: report.updatedAt,
      ...(from ? { from, to: report.status } : {}),
      report: citizen,
    });
    for (const s of this.streams) if (s.open) s.send(event);
  }

  get openStreams(): number {
    return this.streams.filter((s) => s.open).length;
  }

  handlers(): RequestHandler[] {
    const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${TOKEN}`;
    const record = (request: Request) => this.urls.push(request.url);
    return [
      http.get(`${ADMIN_API}/v1/admin/reports`, ({ request }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        const items = [...this.reports.values()].filter((r) => !['completed', 'archived'].includes(r.status));
        return HttpResponse.json({ items });
      }),
      http.get(`${ADMIN_API}/v1/admin/reports/:id`, ({ request, params }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        const r = this.reports.get(String(params['id']));
        return r ? HttpResponse.json({ ...r, serverTime: iso(Date.now()) }) : error('not_found', 404);
      }),
      http.post(`${ADMIN_API}/v1/admin/reports/:id/transitions`, async ({ request, params }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        const id = String(params['id']);
        const report = this.reports.get(id);
        if (!report) return error('not_found', 404);
        const input = (await request.json()) as TransitionInput;
        this.transitions.push({ trackingId: id, input });
        const scripted = this.nextTransition?.(input, report);
        this.nextTransition = undefined;
        if (scripted) return scripted;
        if (!FROM[input.action]!.includes(report.status)) return error('illegal_transition', 409, 'Laporan tidak dapat diubah.');
        const to = input.action === 'resume' ? 'verified' : TO[input.action]!;
        const when = iso(Date.now());
        const next = z.parse(AdminReport, {
          ...report,
          status: to,
          institution: input.action === 'forward' ? (input.institutionId === DINKES.id ? DINKES : GENTENG) : report.institution,
          institutionId: input.action === 'forward' ? input.institutionId : report.institutionId,
          clocks: to === 'in_progress' ? report.clocks.map((c) => ({ ...c, state: 'met', stoppedAt: when })) : report.clocks,
          timeline: [...report.timeline, { id: `tl-x-${this.transitions.length}`, at: when, type: 'status', status: to, from: report.status }],
          updatedAt: when,
          serverTime: when,
        });
        this.reports.set(id, next);
        return HttpResponse.json(next);
      }),
      http.post(`${ADMIN_API}/v1/admin/watch`, ({ request }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        return HttpResponse.json({ ticket: 'admin-ticket-0123456789abcdef', expiresAt: iso(Date.now() + 600_000), institutions: [GENTENG.id] }, { status: 201 });
      }),
      sse(`${ADMIN_API}/v1/admin/events`, ({ client, request }) => {
        record(request);
        const stream: Stream = {
          open: true,
          send: (e) => {
            try {
              client.send({ id: e.id, event: e.type, data: JSON.stringify(e) } as never);
            } catch {
              stream.open = false;
            }
          },
        };
        for (const old of this.streams) old.open = false;
        this.streams.push(stream);
      }),
      http.get(`${ADMIN_API}/v1/admin/reference`, ({ request }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        return HttpResponse.json({
          institutions: [GENTENG, DINKES, { id: 'pkm-kabat', name: 'Puskesmas Kabat', kind: 'puskesmas', timeZone: 'Asia/Jakarta' }],
          categories: [{ id: 'cat-jalan', name: { id: 'Jalan rusak', en: 'Damaged road' } }],
        });
      }),
      http.get(`${ADMIN_API}/v1/admin/compliance`, ({ request }) => {
        record(request);
        if (!authorized(request)) return error('unauthorized', 401);
        const url = new URL(request.url);
        return HttpResponse.json(
          this.compliance ?? {
            from: url.searchParams.get('from'),
            to: url.searchParams.get('to'),
            serverTime: iso(Date.now()),
            items: [],
          },
        );
      }),
    ];
  }
}

/** msw with a fresh FakeAdminGateway per test and an empty sessionStorage. */
export function useFakeAdminGateway(onFresh: (gw: FakeAdminGateway) => void): void {
  // Remove the elements before msw drops this test's handlers: a stream that opens late
  // reloads the queue, and that request must not outlive the test.
  // An aborted request may still be on its way through the service worker: let it land.
  afterEach(async () => {
    fixtureCleanup();
    await new Promise((r) => setTimeout(r, 50));
  });
  useMsw();
  beforeEach(() => {
    const gw = new FakeAdminGateway();
    onFresh(gw);
    worker.use(...gw.handlers());
    sessionStorage.clear();
  });
}

/** Poll until `check` passes (or fail with its last error). */
export async function until(check: () => unknown, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      if ((await check()) !== false) return;
      throw new Error('condition is false');
    } catch (e) {
      if (Date.now() - started > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 15));
    }
  }
}
