/**
 * What the loader (`dist/lapor-embed.js`) and the bundle (`dist/lapor-widget.js`) agree
 * on. The only global either touches is `window.LaporWidget`: the loader leaves its
 * configuration on that function object (`c`) next to the command queue (`q`), so the
 * bundle needs no other global to find them. Type-only: nothing here ships.
 */

/** The configuration read from the embed script's `data-` attributes. */
export type EmbedConfig = LaporEmbedConfig;

/** The commands of the public queue. */
export type CommandName = 'open' | 'close' | 'prefill' | 'track' | 'translate' | 'on' | 'off';

/** `window.LaporWidget`: first the snippet's stub, then the loader's, then the bundle's. */
export type LaporWidgetFunction = LaporWidgetQueue;

// Global *types* only (no runtime global): the loader is a classic script that imports
// nothing, not even types, so that it can run from source exactly as pasted (test/embed).
declare global {
  interface LaporEmbedConfig {
    /** Gateway base URL; the script's own origin when `data-api` is empty or absent. */
    api: string;
    siteKey?: string;
    lang?: string;
    /** `false` when `data-launcher="none"`: no floating button is added. */
    launcher: boolean;
    /** `left` or `right` (default). */
    position?: string;
    /** `data-theme`: `auto` (default), `light` or `dark`, for every element on the page. */
    theme?: string;
    /** The embed script's CSP nonce, passed on to the bundle's script and to Lit. */
    nonce?: string;
    /** Absolute URL of the bundle, resolved against the loader's own URL. */
    src: string;
    /**
     * Reports waiting in this device's outbox, counted by the loader at load (absent
     * until counted, or without IndexedDB). The launcher shows it until the widget keeps
     * its own count.
     */
    queued?: number;
  }

  interface LaporWidgetQueue {
    (command: CommandName | (string & {}), ...args: unknown[]): void;
    /** Commands issued before the bundle ran (`arguments` objects or arrays). */
    q?: ArrayLike<unknown>[];
    /** Set by the loader; its presence means "a loader already ran" (pasted twice). */
    c?: LaporEmbedConfig;
    /** Set by the bundle once the commands are live (its version). */
    v?: string;
    /**
     * Set by the launcher painter (`lapor-launcher.js`): told each command queued before
     * the bundle runs (`open` shows its "Memuat…" dialog), `['queued']` once the loader
     * has counted the outbox (`c.queued`), and `null` when the bundle's download failed.
     */
    p?: (args: ArrayLike<unknown> | null) => void;
    /**
     * Set by the launcher painter: removes its button and dialog once the bundle's
     * launcher has painted (embed/boot.ts). Returns whether focus was in them.
     */
    l?: () => boolean;
  }

  interface Window {
    LaporWidget?: LaporWidgetQueue;
    /** Read by Lit when it has to fall back to `<style>` elements. */
    litNonce?: string;
  }
}
