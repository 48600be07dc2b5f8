/**
 * Base class of every `lapor-*` element: the shared `api`, `site-key`, `lang` and `theme`
 * attributes, their inheritance (own attribute → nearest `<lapor-widget>` or `[lang]`
 * ancestor, across shadow roots → embed defaults → Indonesian), the translator, and the
 * SDK client.
 */
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, onTranslationsChange, type MessageKey, type MessageParams } from '../../i18n/catalog.js';
import { normalizeLang } from '../../i18n/lang.js';
import { isLocaleReady, loadLocale } from '../../i18n/load.js';
import type { LaporClient } from '../../sdk/types.js';
import { clientFor } from './client-registry.js';
import { getDefaults, onDefaultsChange, type Theme } from './defaults.js';
import '../../i18n/register/common.js';

/** The parent of a node, stepping out of a shadow root to its host. */
function parentAcross(node: Node): Node | null {
  if (node.parentNode) return node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
  return null;
}

function closestAcross<T extends Element>(start: Element, match: (el: Element) => el is T): T | null {
  for (let node = parentAcross(start); node; node = parentAcross(node)) {
    if (node instanceof Element && match(node)) return node;
  }
  return null;
}

const isWidget = (el: Element): el is Element & { api?: string; siteKey?: string } =>
  el.localName === 'lapor-widget';
const hasLang = (el: Element): el is HTMLElement => el.hasAttribute('lang');

/**
 * What every `lapor-*` element shares. Its colour tokens are documented here once; each
 * element's manifest entry inherits them.
 *
 * @cssproperty --lapor-color-accent - Buttons, links, the selected tab, the launcher (light scheme). Default `#0b5cad`.
 * @cssproperty --lapor-color-on-accent - Text on the accent colour (light scheme). Default `#ffffff`.
 * @cssproperty --lapor-color-accent-dark - The accent in the dark scheme (a brand colour picked for a white page rarely reads on a dark one). Default `#8cc4ff`.
 * @cssproperty --lapor-color-on-accent-dark - Text on the dark-scheme accent. Default `#0b1d33`.
 * @cssproperty --lapor-color-surface - Backgrounds. Default `#ffffff` / `#16191d`.
 * @cssproperty --lapor-color-text - Text. Default `#1b1f24` / `#eef1f4`.
 * @cssproperty --lapor-color-muted - Secondary text. Default `#56606b` / `#b4bcc5`.
 * @cssproperty --lapor-color-border - Borders. Default `#8a949e` / `#7d8792`.
 * @cssproperty --lapor-color-danger - Errors, overdue, the launcher's badge. Default `#b3261e` / `#ffb4ab`.
 * @cssproperty --lapor-color-success - Done steps, met deadlines. Default `#1e6b34` / `#8fd6a0`.
 * @cssproperty --lapor-color-warning - On hold, offline. Default `#8a5300` / `#f5c26b`.
 * @cssproperty --lapor-color-focus - The keyboard focus ring. Default `#1a73e8` / `#8cc4ff`.
 * @cssproperty --lapor-radius - Corner radius. Default `8px`.
 * @cssproperty --lapor-font-family - Font. Default `system-ui, …`.
 * @cssproperty --lapor-font-size - Base font size. Default `16px`.
 */
export class LaporElement extends LitElement {
  /** Gateway base URL. Inherited from the nearest `<lapor-widget>` or the embed script when unset. */
  @property() api?: string;

  /** Site key sent with every request. Inherited like `api`. */
  @property({ attribute: 'site-key' }) siteKey?: string;

  /** `id` or `en`. Unset: the nearest `[lang]` ancestor, the embed's `data-lang`, else `id`. */
  @property() override lang = '';

  /**
   * Colour scheme: `auto` (default) follows the page's `color-scheme` as the browser uses
   * it (a page that never opted into dark stays light), `light` or `dark` force one.
   * Unset: the embed script's `data-theme`, else `auto`. Inner `lapor-*` elements follow.
   */
  @property({ reflect: false }) theme?: Theme;

  /** The language actually in use, once its catalog is loaded. */
  @state() protected locale = 'id';

  #unlisten: (() => void)[] = [];
  #internals?: ElementInternals;

  override connectedCallback(): void {
    super.connectedCallback();
    const update = () => this.requestUpdate();
    this.#unlisten.push(onDefaultsChange(update), onTranslationsChange(update));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const unlisten of this.#unlisten.splice(0)) unlisten();
  }

  /**
   * This element's ElementInternals, attached on first use (an element has at most one:
   * subclasses use this getter rather than calling attachInternals() themselves).
   */
  protected get internals(): ElementInternals {
    return (this.#internals ??= this.attachInternals());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    this.#applyPageTheme();
    const wanted = this.resolveLang();
    if (isLocaleReady(wanted)) {
      this.locale = wanted;
    } else {
      // Keep speaking the current language until the other one has arrived.
      void loadLocale(wanted).then(() => this.requestUpdate());
    }
  }

  /**
   * The embed's `data-theme` (page-wide default) applies where the element has no
   * `theme` of its own, as a custom state the tokens' `:host(:state(theme-…))` rules
   * read: an attribute would look like the page author's own and outlive the default.
   */
  #applyPageTheme(): void {
    const fromPage = this.theme ? undefined : getDefaults().theme;
    for (const scheme of ['light', 'dark'] as const) {
      const wanted = fromPage === scheme;
      if (!wanted && !this.#internals) continue;
      const states = this.internals.states as Set<string> | undefined;
      try {
        if (wanted) states?.add(`theme-${scheme}`);
        else states?.delete(`theme-${scheme}`);
      } catch {
        // Chromium before 125 only knows `--name` states; there the page default is not applied.
      }
    }
  }

  protected resolveLang(): string {
    if (this.lang) return normalizeLang(this.lang);
    const ancestor = closestAcross(this, hasLang);
    if (ancestor) return normalizeLang(ancestor.getAttribute('lang'));
    // No document when rendered on a server (@lit-labs/ssr): the embed default, else Indonesian.
    return normalizeLang(getDefaults().lang ?? globalThis.document?.documentElement.lang);
  }

  /** Translate in this element's language. */
  protected t(key: MessageKey, params?: MessageParams): string {
    return msg(this.locale, key, params);
  }

  protected get effectiveApi(): string | undefined {
    return this.api || closestAcross(this, isWidget)?.api || getDefaults().api;
  }

  protected get effectiveSiteKey(): string | undefined {
    return this.siteKey || closestAcross(this, isWidget)?.siteKey || getDefaults().siteKey;
  }

  /** The shared SDK client, or `undefined` while no gateway is known. */
  protected get client(): LaporClient | undefined {
    const api = this.effectiveApi;
    if (!api) return undefined;
    return clientFor({ api, siteKey: this.effectiveSiteKey, lang: this.locale });
  }

  /** Dispatch a bubbling, composed, typed event. Returns false when a listener cancelled it. */
  protected emit<K extends keyof LaporEventMap>(name: K, detail: LaporEventMap[K]['detail'], cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }
}

/**
 * Every event the elements fire. Components augment this interface with their own
 * events (`declare global { interface LaporEventMap { … } }`), so `emit` stays typed.
 * HTMLElementEventMap and GlobalEventHandlersEventMap extend it, so that
 * `el.addEventListener('lapor-submit', e => …)` is typed for users too, without casts,
 * and so is listening where the events bubble to: `document`, `window`, any element.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface LaporEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends LaporEventMap {}
  // DocumentEventMap, WindowEventMap and every element's map extend this one.
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalEventHandlersEventMap extends LaporEventMap {}
}
