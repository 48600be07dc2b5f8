/**
 * One ticker for every countdown on the page: 1,000 countdowns are one timer, not 1,000.
 *
 * A single `setTimeout` chain aligned to the next whole second (of server time, when a
 * countdown has told us the offset), started when the first subscriber arrives, stopped
 * when the last leaves and while the page is hidden (a background tab does no work;
 * on return it ticks at once so the display catches up). `setTimeout` rather than
 * `setInterval` so that drift never accumulates: each tick re-aligns to the boundary.
 */

/** Called once per tick with the device clock read once for all subscribers. */
export type TickListener = (deviceNow: number) => void;

const listeners = new Set<TickListener>();
let readDeviceClock: () => number = () => Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;
let alignOffsetMs = 0;
let visibilityHooked = false;
let ticks = 0;

/** A few ms past the boundary, so a timer that fires a hair early still sees the new second. */
const SLACK_MS = 2;

function hidden(): boolean {
  return typeof document !== 'undefined' && document.hidden;
}

function schedule(): void {
  if (timer !== undefined || listeners.size === 0 || hidden()) return;
  const serverNow = readDeviceClock() + alignOffsetMs;
  const delay = 1000 - (((serverNow % 1000) + 1000) % 1000) + SLACK_MS;
  timer = setTimeout(fire, delay);
}

function stop(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

function fire(): void {
  timer = undefined;
  tickNow();
  schedule();
}

function onVisibility(): void {
  if (hidden()) {
    stop();
  } else if (listeners.size > 0) {
    tickNow();
    schedule();
  }
}

/**
 * Run every listener now, synchronously (the timer calls this; tests may too). A
 * listener that throws does not stop the others.
 */
export function tickNow(device = readDeviceClock()): void {
  ticks++;
  for (const listener of listeners) {
    try {
      listener(device);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** Start receiving ticks; returns the function that stops them. */
export function subscribe(listener: TickListener): () => void {
  if (!visibilityHooked && typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', onVisibility);
    visibilityHooked = true;
  }
  listeners.add(listener);
  schedule();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

/** The device clock, as every countdown reads it. */
export function deviceNow(): number {
  return readDeviceClock();
}

/**
 * Tests and the benchmark only: replace the device clock (e.g. one that is 24 h wrong).
 * Pass nothing to restore `Date.now`.
 */
export function setDeviceClock(clock?: () => number): void {
  readDeviceClock = clock ?? (() => Date.now());
}

/** Align ticks to whole seconds of server time (server minus device, in ms). */
export function alignTicksTo(offsetMs: number): void {
  if (Number.isFinite(offsetMs)) alignOffsetMs = offsetMs;
}

/** For tests and the benchmark: how the shared ticker is doing. */
export function tickerState(): { listeners: number; running: boolean; ticks: number } {
  return { listeners: listeners.size, running: timer !== undefined, ticks };
}
