/**
 * Browser side of bench/admin-queue.ts: the real `<lapor-admin-queue>` (production Lit),
 * its model functions, and the shared ticker driven by the harness. The admin API is
 * answered by the harness (playwright route); the live stream is a silent stand-in, so
 * what is measured is rendering and ticking, not the network.
 */
import '../src/components/admin-queue/admin-queue.js';
import type { LaporAdminQueue } from '../src/components/admin-queue/admin-queue.component.js';
import { applyFilter, buildQueue, NO_FILTER, upsert } from '../src/components/admin-queue/queue-model.js';
import { WarningTracker } from '../src/components/admin-queue/warnings.js';
import { setDeviceClock, tickNow } from '../src/components/sla-countdown/ticker.js';
import type { Report, ReportEvent } from '../src/contract/index.js';

/** An EventSource that connects and stays quiet. */
class QuietEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readyState = 1;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  static last: QuietEventSource | undefined;
  constructor(readonly url: string) {
    super();
    QuietEventSource.last = this;
  }
  close(): void {
    this.readyState = 2;
  }
}
(globalThis as { EventSource: unknown }).EventSource = QuietEventSource;

const API = location.origin;
let device = Date.now();
setDeviceClock(() => device);
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

const bench = {
  /** Sign in (token kept in the tab) and time until the first page of rows is on screen. */
  async mount(): Promise<{ ms: number; rows: number; countdowns: number }> {
    sessionStorage.setItem(`lapor-admin:token:${API}`, 'bench-admin-token-0000');
    const t0 = performance.now();
    const el = document.createElement('lapor-admin-queue') as LaporAdminQueue;
    el.setAttribute('api', API);
    document.body.append(el);
    for (;;) {
      await new Promise((r) => setTimeout(r, 0));
      if (el.shadowRoot?.querySelector('li.row')) break;
    }
    await el.updateComplete;
    await nextFrame();
    const ms = performance.now() - t0;
    return {
      ms,
      rows: el.shadowRoot!.querySelectorAll('li.row').length,
      countdowns: el.shadowRoot!.querySelectorAll('lapor-sla-countdown').length,
    };
  },

  /** Where the render time goes: the same request through fetch, JSON and the contract check. */
  async fetchParse(): Promise<{ fetch: number; json: number; contract: number }> {
    const { AdminQueue } = await import('../src/contract/admin.js');
    const { safeParse } = await import('zod/mini');
    let t = performance.now();
    const text = await (await fetch(`${API}/v1/admin/reports?sort=due&state=open&limit=1000`)).text();
    const fetchMs = performance.now() - t;
    t = performance.now();
    const data = JSON.parse(text) as unknown;
    const json = performance.now() - t;
    t = performance.now();
    safeParse(AdminQueue, data);
    return { fetch: fetchMs, json, contract: performance.now() - t };
  },

  /** `n` synthetic ticks, one second apart: script (all tick listeners) and style + layout after it. */
  ticks(n: number): { script: number[]; layout: number[] } {
    const script: number[] = [];
    const layout: number[] = [];
    const el = document.querySelector('lapor-admin-queue')!;
    for (let i = 0; i < n; i++) {
      device += 1000;
      const t0 = performance.now();
      tickNow(device);
      const t1 = performance.now();
      el.getBoundingClientRect();
      void document.body.offsetHeight;
      script.push(t1 - t0);
      layout.push(performance.now() - t1);
    }
    return { script, layout };
  },

  /** A live event (one report changed) through the stream, timed to the rendered page. */
  async liveEvent(event: ReportEvent): Promise<number> {
    const el = document.querySelector('lapor-admin-queue') as LaporAdminQueue;
    for (let i = 0; i < 100 && !QuietEventSource.last; i++) await new Promise((r) => setTimeout(r, 20));
    if (!QuietEventSource.last) throw new Error(`no stream: ${el.shadowRoot!.querySelector('.connection')?.textContent}`);
    const t0 = performance.now();
    QuietEventSource.last.dispatchEvent(new MessageEvent(event.type, { data: JSON.stringify(event), lastEventId: event.id }));
    await el.updateComplete;
    el.getBoundingClientRect();
    return performance.now() - t0;
  },

  /** The pure model on the same 1,000 reports: build + sort, a search, 100 live merges, one warnings pass. */
  model(reports: Report[]): Record<string, number> {
    const scope = { institutions: null };
    let t = performance.now();
    const items = buildQueue(reports, scope);
    const build = performance.now() - t;
    t = performance.now();
    applyFilter(items, { ...NO_FILTER, search: 'lpr22' }, Date.now(), new Set());
    const search = performance.now() - t;
    t = performance.now();
    let list = items;
    for (let i = 0; i < 100; i++) list = upsert(list, { ...reports[(i * 7) % reports.length]!, updatedAt: new Date(Date.now() + i).toISOString() }, scope);
    const merge = (performance.now() - t) / 100;
    const tracker = new WarningTracker();
    tracker.check(list, Date.now());
    t = performance.now();
    tracker.check(list, Date.now() + 1000);
    const warn = performance.now() - t;
    return { build, search, merge, warn };
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
