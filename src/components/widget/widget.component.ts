import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { listOutbox, onOutboxChange } from '../../store/outbox-queue.js';
import type { ReportPrefill } from '../report-form/model.js';
import { LaporElement } from '../shared/lapor-element.js';
import { tokens } from '../shared/tokens.styles.js';
import { exportparts } from './exported-parts.js';
import { defineLazily, preloadLazily } from './lazy-elements.js';
import { widgetStyles } from './widget.styles.js';
import '../../i18n/register/widget.js';
import '../../i18n/register/launcher-pending.js';

export type WidgetTab = 'form' | 'track' | 'mine';
const TABS: readonly WidgetTab[] = ['form', 'track', 'mine'];
/** The element each tab shows; `form` is bundled, the other two are their own chunks. */
const TAB_TAG: Record<WidgetTab, string> = {
  form: 'lapor-report-form',
  track: 'lapor-report-status',
  mine: 'lapor-my-reports',
};

/** The parts of the inner elements this element drives (their own types live with them). */
interface FormLike extends HTMLElement {
  prefill(data: ReportPrefill): void;
}
interface StatusLike extends HTMLElement {
  track(trackingId: string, accessToken?: string): void;
}

/** The element focused in the page, looking inside open shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

const idle = (fn: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 1000);

/**
 * The all-in-one widget the embed script adds: a floating launcher button that opens a
 * modal dialog with three tabs — file a report, track one, and the reports saved on
 * this device. `api`, `site-key` and `lang` set here are inherited by the elements inside.
 * The parts of those elements are exported under their own names (`exportparts`), so
 * `lapor-widget::part(submit)` reaches the form's submit button inside the dialog.
 *
 * @summary Floating launcher + dialog with the form, tracking and "my reports".
 *
 * @event lapor-open - The dialog opened. `detail`: `{}`.
 * @event lapor-close - The dialog closed (close button, Esc, or `close()`). `detail`: `{}`.
 *
 * @slot header - Your own line under the dialog's title (the office's name, a logo).
 * @slot intro - Passed on to the form's `intro` slot: your words above the form.
 * @slot privacy - Passed on to the form's `privacy` slot: your privacy note above the send button.
 * @slot after-submit - Passed on to the form's `after-submit` slot: what happens next, after a report is sent or queued.
 *
 * @csspart launcher - The floating button.
 * @csspart launcher-label - The launcher's text.
 * @csspart badge - The count of saved reports with news, on the launcher.
 * @csspart pending - "1 belum terkirim" on the launcher: reports queued on this device, not yet sent.
 * @csspart dialog - The modal dialog (a full-screen sheet at ≤ 600 px).
 * @csspart header - The dialog's title bar.
 * @csspart title - The dialog's heading.
 * @csspart close-button - The dialog's close button.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab.
 * @csspart panel - Each tab panel.
 *
 * @cssproperty --lapor-launcher-offset - Distance of the launcher from the viewport corner. Default `16px`.
 * @cssproperty --lapor-backdrop - Background behind the open dialog. Default `rgb(0 0 0 / 0.5)`.
 * @cssproperty --lapor-color-accent - Launcher, selected tab, buttons (light scheme).
 * @cssproperty --lapor-color-on-accent - Text on the accent colour (light scheme).
 * @cssproperty --lapor-color-accent-dark - The accent in dark mode (a light page's brand colour rarely reads on the dark surface).
 * @cssproperty --lapor-color-on-accent-dark - Text on the dark-mode accent.
 * @cssproperty --lapor-color-surface - Dialog background.
 * @cssproperty --lapor-color-text - Text.
 * @cssproperty --lapor-color-muted - Secondary text.
 * @cssproperty --lapor-color-border - Borders.
 * @cssproperty --lapor-color-danger - Errors and the badge.
 * @cssproperty --lapor-color-focus - Focus ring.
 * @cssproperty --lapor-radius - Corner radius.
 * @cssproperty --lapor-font-family - Font.
 * @cssproperty --lapor-font-size - Base font size.
 */
export class LaporWidget extends LaporElement {
  static override styles = [tokens, widgetStyles];

  /** Whether the dialog is open. Reflects; set it or call `open()`/`close()`. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Side of the viewport for the launcher: `right` (default) or `left`. */
  @property({ reflect: true }) position: 'left' | 'right' = 'right';

  /** `none`: no floating button (open the dialog with `open()` or your own button). */
  @property() launcher: 'none' | '' = '';

  /** The selected tab. */
  @property() tab: WidgetTab = 'form';

  /**
   * Reports queued on this device and not yet sent (the outbox): the launcher says "1
   * belum terkirim" while there are any. The embed sets it from the loader's count at
   * load; the widget then keeps it up to date itself.
   */
  @property({ type: Number, reflect: true }) pending = 0;

  /** Saved reports with news the citizen has not opened yet (drives the badge). */
  @state() protected unseen = 0;

  /** Tabs opened at least once: only their panels exist (created lazily). */
  @state() protected visited = new Set<WidgetTab>();

  /** Tabs whose element is defined and ready, and those whose chunk failed to load. */
  @state() protected ready = new Set<WidgetTab>(['form']);
  @state() protected failed = new Set<WidgetTab>();

  @query('dialog') protected dialog!: HTMLDialogElement;

  #returnFocus: HTMLElement | null = null;
  #unsubscribeStore?: () => void;
  #unsubscribeOutbox?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // <lapor-my-reports> (ours or one on the page) reports its count as it changes.
    document.addEventListener('lapor-unseen-change', this.#onUnseen);
    this.addEventListener('lapor-track', this.#onTrackRequest);
    idle(() => void this.#watchStore());
    this.#watchOutbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('lapor-unseen-change', this.#onUnseen);
    this.removeEventListener('lapor-track', this.#onTrackRequest);
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
    this.#unsubscribeOutbox?.();
    this.#unsubscribeOutbox = undefined;
  }

  /**
   * Open the dialog on the current tab. (`open` is the reflected boolean property, as on
   * `<dialog>`, so the method is `show()`; the queue command is still `open`.)
   */
  show(): void {
    this.open = true;
  }

  /** Close the dialog; focus returns to the launcher (or where it was before opening). */
  close(): void {
    this.open = false;
  }

  /** Fill the report form (keys as in `<lapor-report-form>`'s `prefill`); does not open. */
  async prefill(data: ReportPrefill): Promise<void> {
    this.#select('form', false);
    await this.updateComplete;
    await customElements.whenDefined('lapor-report-form');
    (this.renderRoot.querySelector('lapor-report-form') as FormLike | null)?.prefill(data);
  }

  /** Open the dialog on "Lacak laporan" showing this report. */
  async track(trackingId: string, accessToken?: string): Promise<void> {
    this.#select('track', false);
    this.open = true;
    await this.#load('track');
    await this.updateComplete;
    (this.renderRoot.querySelector('lapor-report-status') as StatusLike | null)?.track(trackingId, accessToken);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Opening, or `tab` set from outside while open: that tab's panel must exist.
    if ((changed.has('open') || changed.has('tab')) && this.open && !this.visited.has(this.tab)) this.#select(this.tab, false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!changed.has('open') || !this.dialog) return;
    if (this.open && !this.dialog.open) {
      this.#returnFocus = deepActiveElement();
      this.dialog.showModal();
      this.#tabButton(this.tab)?.focus();
      this.emit('lapor-open', {});
      // The other tabs' code, while there is a connection: "Laporan saya" must open offline
      // later (it reads the device), not say it needs a connection.
      idle(() => TABS.forEach((tab) => void preloadLazily(TAB_TAG[tab]).catch(() => undefined)));
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  /** The dialog closed by any route (Esc, button, `open = false`). */
  #onDialogClose = () => {
    this.open = false;
    const back = this.launcher === 'none' ? this.#returnFocus : this.renderRoot.querySelector<HTMLElement>('.launcher');
    (back?.isConnected ? back : this.#returnFocus)?.focus();
    this.#returnFocus = null;
    this.emit('lapor-close', {});
  };

  #onUnseen = (event: Event) => {
    const count = (event as CustomEvent<{ count?: number }>).detail?.count;
    if (typeof count === 'number' && count >= 0) this.unseen = count;
  };

  /**
   * The form's "Lacak laporan" after a submit: show that report in the track tab. The
   * button pressed is now hidden with the form, so focus goes to the panel that replaced
   * it (named by its tab, "Lacak laporan"), not to the page's body.
   */
  #onTrackRequest = (event: Event) => {
    const detail = (event as CustomEvent<{ trackingId?: string; accessToken?: string }>).detail;
    if (!detail?.trackingId) return;
    event.preventDefault(); // taken: the form does not show the report itself
    void this.track(detail.trackingId, detail.accessToken);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#panel-track')?.focus());
  };

  /**
   * The launcher's "belum terkirim": counted now and after every change of the outbox
   * (a submit queued here, a report sent by this tab, another tab, or lapor-outbox.js).
   */
  #watchOutbox(): void {
    if (this.#unsubscribeOutbox || typeof indexedDB === 'undefined') return;
    const recount = () =>
      void listOutbox().then(
        (entries) => (this.pending = entries.length),
        () => undefined,
      );
    this.#unsubscribeOutbox = onOutboxChange(recount);
    // Told by the loader that something waits: count now. Otherwise wait for idle time,
    // so a page with nothing queued does not open the database during its load.
    if (this.pending) recount();
    else idle(() => this.isConnected && recount());
  }

  /** Count saved reports with news, without waiting for the "Laporan saya" tab. */
  async #watchStore(): Promise<void> {
    if (!this.isConnected || typeof indexedDB === 'undefined') return;
    try {
      const store = await import('../../store/saved-reports.js');
      // Removed (or already watching) while the chunk was on its way: subscribe nothing.
      if (!this.isConnected || this.#unsubscribeStore) return;
      const refresh = () => void store.countUnseen().then((n) => (this.unseen = n), () => {});
      this.#unsubscribeStore = store.onSavedChange(refresh);
      refresh();
      // What changed while the citizen was away: asked of the gateway now, so the badge
      // says so on load, not only once "Laporan saya" is opened.
      const [{ refreshSaved }, { clientFor }] = await Promise.all([import('../my-reports/refresh.js'), import('../shared/client-registry.js')]);
      if (this.isConnected) void refreshSaved((e) => clientFor({ api: e.api, siteKey: e.siteKey ?? this.effectiveSiteKey, lang: this.locale }));
    } catch {
      // No IndexedDB (private mode in some browsers): no badge, everything else works.
    }
  }

  #select(tab: WidgetTab, focus: boolean): void {
    this.tab = tab;
    if (!this.visited.has(tab)) this.visited = new Set(this.visited).add(tab);
    void this.#load(tab);
    if (focus) void this.updateComplete.then(() => this.#tabButton(tab)?.focus());
  }

  async #load(tab: WidgetTab): Promise<void> {
    if (this.ready.has(tab)) return;
    const failed = new Set(this.failed);
    failed.delete(tab);
    this.failed = failed;
    try {
      await defineLazily(TAB_TAG[tab]);
      this.ready = new Set(this.ready).add(tab);
    } catch {
      this.failed = new Set(this.failed).add(tab);
    }
  }

  #tabButton(tab: WidgetTab): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`);
  }

  /** WAI-ARIA tabs: arrows move and select (wrapping), Home/End jump. */
  #onTabKey = (event: KeyboardEvent) => {
    const index = TABS.indexOf(this.tab);
    const next: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    const target = TABS[(next[event.key]! + TABS.length) % TABS.length]!;
    this.#select(target, true);
  };

  protected renderLauncher() {
    if (this.launcher === 'none') return nothing;
    return html`<button
      part="launcher"
      class="launcher"
      type="button"
      aria-haspopup="dialog"
      aria-expanded=${this.open ? 'true' : 'false'}
      @click=${() => this.show()}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        <path d="M12 7v4M12 14h.01" />
      </svg>
      <span part="launcher-label">${this.t('widget.launcher')}</span>
      ${this.pending > 0 ? html`<span part="pending" class="pending">${this.t('widget.pending', { n: this.pending })}</span>` : nothing}
      ${this.unseen > 0
        ? html`<span part="badge" class="badge"
            ><span aria-hidden="true">${this.unseen}</span
            ><span class="visually-hidden">, ${this.t('widget.unseen', { n: this.unseen })}</span></span
          >`
        : nothing}
    </button>`;
  }

  protected renderPanel(tab: WidgetTab) {
    if (this.failed.has(tab)) {
      return html`<div class="failed" role="alert">
        <span>${this.t('widget.loadFailed')}</span>
        <button type="button" @click=${() => void this.#load(tab)}>${this.t('common.retry')}</button>
      </div>`;
    }
    if (!this.ready.has(tab)) return html`<p class="note" role="status">${this.t('common.loading')}</p>`;
    const lang = this.lang || nothing;
    switch (tab) {
      case 'form':
        // The host's words for the form, given to the widget, are passed on to its slots.
        return html`<lapor-report-form lang=${lang} exportparts=${exportparts('lapor-report-form')}
          ><slot name="intro" slot="intro"></slot><slot name="privacy" slot="privacy"></slot><slot name="after-submit" slot="after-submit"></slot
        ></lapor-report-form>`;
      case 'track':
        return html`<lapor-report-status lang=${lang} exportparts=${exportparts('lapor-report-status')}></lapor-report-status>`;
      case 'mine':
        return html`<lapor-my-reports lang=${lang} exportparts=${exportparts('lapor-my-reports')}></lapor-my-reports>`;
    }
  }

  protected override render() {
    return html`${this.renderLauncher()}
      <dialog part="dialog" aria-labelledby="title" @close=${this.#onDialogClose}>
        <div part="header" class="header">
          <div class="heading">
            <h2 id="title" part="title">${this.t('widget.title')}</h2>
            <slot name="header"></slot>
          </div>
          <button part="close-button" class="close" type="button" aria-label=${this.t('common.close')} @click=${() => this.close()}>
            <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </div>
        <div role="tablist" part="tabs" aria-label=${this.t('widget.tabs')} @keydown=${this.#onTabKey}>
          ${TABS.map(
            (tab) => html`<button
              role="tab"
              part="tab"
              type="button"
              id="tab-${tab}"
              aria-controls="panel-${tab}"
              aria-selected=${tab === this.tab ? 'true' : 'false'}
              tabindex=${tab === this.tab ? 0 : -1}
              @click=${() => this.#select(tab, true)}
            >
              ${this.t(`widget.tab.${tab}`)}
            </button>`,
          )}
        </div>
        ${TABS.map(
          (tab) => html`<div role="tabpanel" part="panel" id="panel-${tab}" aria-labelledby="tab-${tab}" tabindex="0" ?hidden=${tab !== this.tab}>
            ${this.visited.has(tab) ? this.renderPanel(tab) : nothing}
          </div>`,
        )}
      </dialog>`;
  }
}

declare global {
  interface LaporEventMap {
    'lapor-open': CustomEvent<Record<string, never>>;
    'lapor-close': CustomEvent<Record<string, never>>;
  }
}
