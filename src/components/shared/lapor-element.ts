/**
 * Base class of every `lapor-*` element: the shared `api`, `site-key` and `lang`
 * attributes, their inheritance (own attribute → nearest `<lapor-widget>` or `[lang]`
 * ancestor, across shadow roots → embed defaults → Indonesian), the translator, and the
 * SDK client.
 */
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, type MessageKey, type MessageParams } from '../../i18n/catalog.js';
import { hasCatalog } from '../../i18n/catalog.js';
import { normalizeLang } from '../../i18n/lang.js';
import { loadLocale } from '../../i18n/load.js';
import type { LaporClient } from '../../sdk/types.js';
import { clientFor } from './client-registry.js';
import { getDefaults, onDefaultsChange } from './defaults.js';
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

export class LaporElement extends LitElement {
  /** Gateway base URL. Inherited from the nearest `<lapor-widget>` or the embed script when unset. */
  @property() api?: string;

  /** Site key sent with every request. Inherited like `api`. */
  @property({ attribute: 'site-key' }) siteKey?: string;

  /** `id` or `en`. Unset: the nearest `[lang]` ancestor, the embed's `data-lang`, else `id`. */
  @property() override lang = '';

  /** The language actually in use, once its catalog is loaded. */
  @state() protected locale = 'id';

  #unlistenDefaults?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unlistenDefaults = onDefaultsChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unlistenDefaults?.();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const wanted = this.resolveLang();
    if (hasCatalog(wanted)) {
      this.locale = wanted;
    } else {
      // Keep speaking the current language until the other one has arrived.
      void loadLocale(wanted).then(() => this.requestUpdate());
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
