/**
 * What the loader (`dist/lapor-embed.js`) and the bundle (`dist/lapor-widget.js`) agree
 * on. The only global either touches is `window.LaporWidget`: the loader leaves its
 * configuration on that function object (`c`) next to the command queue (`q`), so the
 * bundle needs no other global to find them. Type-only: nothing here ships.
 */

/** The configuration read from the embed script's `data-` attributes. */
export interface EmbedConfig {
  /** Gateway base URL; the script's own origin when `data-api` is empty or absent. */
  api: string;
  siteKey?: string;
  lang?: string;
  /** `false` when `data-launcher="none"`: no floating button is added. */
  launcher: boolean;
  /** `left` or `right` (default). */
  position?: string;
  /** The embed script's CSP nonce, passed on to the bundle's script and to Lit. */
  nonce?: string;
  /** Absolute URL of the bundle, resolved against the loader's own URL. */
  src: string;
}

/** The commands of the public queue, in the order they were issued. */
export type CommandName = 'open' | 'close' | 'prefill' | 'track' | 'on' | 'off';

/** `window.LaporWidget`: first the snippet's stub, then the loader's, then the bundle's. */
export interface LaporWidgetFunction {
  (command: CommandName | string, ...args: unknown[]): void;
  /** Commands issued before the bundle ran (`arguments` objects or arrays). */
  q?: ArrayLike<unknown>[];
  /** Set by the loader; its presence means "a loader already ran" (pasted twice). */
  c?: EmbedConfig;
  /** Set by the bundle once the commands are live (its version). */
  v?: string;
}

declare global {
  interface Window {
    LaporWidget?: LaporWidgetFunction;
    /** Read by Lit when it has to fall back to `<style>` elements. */
    litNonce?: string;
  }
}
