/**
 * Browser side of bench/countdowns.ts: the real element and ticker, plus hooks for the
 * harness. Bundled by esbuild (production Lit) and served from memory.
 */
import '../src/components/sla-countdown/sla-countdown.js';
import { setDeviceClock, subscribe, tickNow, tickerState } from '../src/components/sla-countdown/ticker.js';

declare global {
  interface Window {
    bench: typeof bench;
  }
}

/**
 * Real-ticker instrumentation: listeners run in subscription order, so a listener added
 * before the countdowns marks the start of a tick and one added after marks its end
 * (script time). The rendering the tick caused is timed from the next animation frame
 * to the first task after it (style + layout + paint run in between).
 */
const samples: Array<{ script: number; render: number }> = [];
let unsubs: Array<() => void> = [];
let tickStart = 0;
const channel = new MessageChannel();
let renderStart = 0;
let pendingScript = 0;
channel.port1.onmessage = () => {
  samples.push({ script: pendingScript, render: performance.now() - renderStart });
};
const head = () => {
  tickStart = performance.now();
};
const tail = () => {
  pendingScript = performance.now() - tickStart;
  requestAnimationFrame(() => {
    renderStart = performance.now();
    channel.port2.postMessage(0);
  });
};

const bench = {
  tickerState,
  samples: () => samples.splice(0),
  /** Add `n` countdowns; `spreadMs` spreads their deadlines from `firstMs` ahead of now. */
  async mount(n: number, firstMs: number, spreadMs: number, state: 'running' | 'met' = 'running'): Promise<void> {
    unsubs.push(subscribe(head));
    const now = Date.now();
    const box = document.createElement('div');
    box.id = 'countdowns';
    const frag = document.createDocumentFragment();
    for (let i = 0; i < n; i++) {
      const el = document.createElement('lapor-sla-countdown');
      el.due = new Date(now + firstMs + Math.floor((spreadMs * i) / n) + 500).toISOString();
      el.serverOffset = 0;
      el.state = state;
      el.clockId = 'lapor.followup';
      const row = document.createElement('div');
      row.append(el);
      frag.append(row);
    }
    box.append(frag);
    document.body.append(box);
    await Promise.all([...box.querySelectorAll('lapor-sla-countdown')].map((e) => e.updateComplete));
    unsubs.push(subscribe(tail));
  },
  unmount(): void {
    document.getElementById('countdowns')?.remove();
    for (const u of unsubs) u();
    unsubs = [];
  },
  /**
   * `ticks` synchronous ticks with a simulated clock one second apart, each followed by
   * a forced style + layout so the rendering work of the tick is inside the measurement.
   * Returns per-tick main-thread ms.
   */
  syntheticTicks(ticks: number): number[] {
    let device = Date.now();
    setDeviceClock(() => device);
    const out: number[] = [];
    try {
      for (let i = 0; i < ticks; i++) {
        device += 1000;
        const t0 = performance.now();
        tickNow();
        void document.body.offsetHeight; // flush style + layout caused by the text writes
        out.push(performance.now() - t0);
      }
    } finally {
      setDeviceClock();
    }
    return out;
  },
};

window.bench = bench;
