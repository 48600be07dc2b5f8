/**
 * The live `window.LaporWidget(command, …args)`: what the loader's queue turns into once
 * the bundle has run. Commands issued before that are replayed here in their order.
 */
import { registerTranslation, type Translation } from '../i18n/catalog.js';
import type { LaporWidgetFunction } from './protocol.js';

/** What a command needs from the page's `<lapor-widget>` (see widget.component.ts). */
export interface CommandTarget {
  show(): void;
  close(): void;
  /** Page data, checked field by field by the form (see ReportPrefill). */
  prefill(data: Record<string, unknown>): unknown;
  track(trackingId: string, accessToken?: string): unknown;
}

/** Events a page may subscribe to with `LaporWidget('on', name, callback)`. */
export const PUBLIC_EVENTS = [
  'lapor-submit',
  'lapor-error',
  'lapor-status-change',
  'lapor-sla-breach',
  'lapor-open',
  'lapor-close',
  'lapor-track',
  'lapor-unseen-change',
] as const;

export const VERSION = '0.1.0';

type Listener = (event: Event) => void;

/**
 * Run one command. `target` is asked for lazily, so `on`/`off` never create a widget.
 * Unknown commands and bad arguments are reported on the console, never thrown: a
 * typo in a webmaster's snippet must not break their page.
 */
export function runCommand(args: ArrayLike<unknown>, target: () => CommandTarget, root: EventTarget = document): void {
  const [name, a, b] = Array.from(args);
  switch (name) {
    case 'open':
      return target().show();
    case 'close':
      return target().close();
    case 'prefill':
      if (a && typeof a === 'object') return void target().prefill(a as Record<string, unknown>);
      break;
    case 'track':
      if (typeof a === 'string' && a) return void target().track(a, typeof b === 'string' ? b : undefined);
      break;
    case 'translate':
      // The page's own words (see registerTranslation); replayed before the first render.
      if (a && typeof a === 'object' && typeof (a as Translation).$code === 'string') return registerTranslation(a as Translation);
      break;
    case 'on':
    case 'off':
      if ((PUBLIC_EVENTS as readonly unknown[]).includes(a) && typeof b === 'function') {
        // The elements' events bubble and are composed, so they all reach the document.
        if (name === 'on') root.addEventListener(a as string, b as Listener);
        else root.removeEventListener(a as string, b as Listener);
        return;
      }
      break;
  }
  console.warn('LaporWidget: ignored command', name);
}

/**
 * Replace the queue stub with the live function and replay what was queued, in order.
 * Returns the live function (also assigned to `window.LaporWidget`).
 */
export function installCommands(target: () => CommandTarget, w: Window = window): LaporWidgetFunction {
  const stub = w.LaporWidget;
  const live = function (...args: unknown[]) {
    runCommand(args, target);
  } as LaporWidgetFunction;
  live.c = stub?.c;
  live.v = VERSION;
  live.q = [];
  w.LaporWidget = live;
  for (const args of Array.from(stub?.q ?? [])) runCommand(args, target);
  return live;
}
