import { html, isServer, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { LIMITS } from '../../contract/limits.js';
import type { Report } from '../../contract/report.js';
import type { LaporClient, Unsubscribe, WatchConnectionState } from '../../sdk/types.js';
import { listOutbox, onOutboxChange, type OutboxEntry } from '../../store/outbox-queue.js';
import {
  isUnseen,
  listSaved,
  markCodeSeen,
  markSeen,
  onSavedChange,
  removeSaved,
  updateSnapshot,
  type SavedReport,
} from '../../store/saved-reports.js';
import { clientFor } from '../shared/client-registry.js';
import { LaporElement } from '../shared/lapor-element.js';
import { lazyModule } from '../shared/lazy-module.js';
import { reportViewModule } from '../report-status/report-status.component.js';
import { byUrgency } from './sort.js';
import { refreshSaved } from './refresh.js';
import { styles } from './my-reports.styles.js';
import '../../i18n/register/my-reports.js';
import '../../i18n/register/sent-from-outbox.js';
// The connection line reuses reportStatus.connection.*.
import '../../i18n/register/report-status.js';
// "No connection" when the list's chunk is lost is the SDK's own wording.
import '../../i18n/register/sdk-errors.js';

/**
 * The list itself (report-list.ts): its own chunk, requested when the element connects,
 * beside the read of the device's stores. Exported for tests (a held-back or lost chunk).
 */
export const reportListModule = lazyModule(() => import('./report-list.js'));

export interface UnseenChangeDetail {
  count: number;
}

declare global {
  interface LaporEventMap {
    'lapor-unseen-change': CustomEvent<UnseenChangeDetail>;
  }
}

interface Group {
  client: LaporClient;
  entries: SavedReport[];
}

/**
 * Every report saved on this device and every one still waiting in the outbox, most
 * urgent first, all live over one connection per gateway. Each opens inline as a
 * `<lapor-report-status>` (which shares that connection) and can be removed from the
 * device after confirmation.
 *
 * @event lapor-unseen-change - The number of saved reports changed since last opened; detail `{count}`.
 * @event lapor-status-change - Bubbles from an opened report.
 * @event lapor-sla-breach - Bubbles from the countdowns.
 * @csspart list - The list of reports.
 * @csspart item - One report (queued or saved).
 * @csspart badge - The unseen count and each "Ada pembaruan" mark.
 * @csspart countdown - Each report's most urgent countdown.
 * @csspart detail - An opened `<lapor-report-status>`.
 * @csspart empty - The empty-state text.
 * @csspart code - An access code shown after "Tampilkan kode akses" (or sent while the page was closed).
 * @csspart code-note - "Sent while the page was closed: keep its access code".
 * @csspart button - Every button.
 * @csspart show-code - "Tampilkan kode akses" on a saved report (also `button`).
 * @cssproperty --lapor-color-accent - Badge and links.
 * @cssproperty --lapor-color-danger - The remove confirmation.
 */
export class LaporMyReports extends LaporElement {
  static override styles = styles;

  @state() private saved: SavedReport[] = [];
  @state() private queued: OutboxEntry[] = [];
  @state() private loaded = false;
  @state() private storageFailed = false;
  @state() private open = new Set<string>();
  @state() private confirming: string | undefined;
  /** Reports whose access code the citizen asked to see ("Tampilkan kode"). */
  @state() private codesShown = new Set<string>();
  @state() private connection: WatchConnectionState | undefined;
  @state() private announcement = '';
  @state() private unseen = 0;

  #unlisten: Array<() => void> = [];
  #unwatch: Unsubscribe[] = [];
  #watchKey = '';
  #loading: Promise<void> | undefined;
  #reloadAgain = false;
  /** The list's download, while under way. */
  #listJob?: Promise<void>;
  /** It failed: said with a retry. */
  @state() private listFailed = false;

  /** How many saved reports changed since the citizen last opened them. */
  get unseenCount(): number {
    return this.unseen;
  }

  /** Resolves once the list reflects the device's stores (tests, the widget). @internal */
  get ready(): Promise<void> {
    return Promise.all([this.#loading, this.#listJob]).then(() => undefined);
  }

  /** Settled once the list is drawn too, when its chunk was on its way. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.#listJob) return done;
    await this.#listJob;
    return super.getUpdateComplete();
  }

  #loadList(): void {
    if (isServer) return;
    // Each report opens inline as a <lapor-report-status>: its view too, while there is a
    // connection, so a saved report still opens offline.
    void reportViewModule.load().catch(() => {});
    if (reportListModule.loaded() || this.#listJob) return;
    this.listFailed = false;
    this.#listJob = reportListModule
      .load()
      .then(
        () => {
          this.listFailed = false;
          this.requestUpdate();
        },
        () => {
          this.listFailed = true;
        },
      )
      .finally(() => (this.#listJob = undefined));
  }

  /** "Coba lagi" after a lost list: focus goes to the heading, not to <body>, as its button goes. */
  async #retryList(): Promise<void> {
    this.#loadList();
    await this.updateComplete;
    if (!this.shadowRoot?.activeElement) this.shadowRoot?.querySelector<HTMLElement>('#heading')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const onOnline = () => {
      if (this.listFailed) this.#loadList();
      void this.#refresh();
    };
    window.addEventListener('online', onOnline);
    this.#unlisten = [
      onSavedChange(() => void this.#reload()),
      onOutboxChange(() => void this.#reload()),
      () => window.removeEventListener('online', onOnline),
    ];
    // The device's list at once (offline too), then the gateway's news on top of it.
    this.#loadList();
    void this.#reload().then(() => this.#refresh());
  }

  /** Ask the gateway for every saved report (on open and on reconnect); the store tells the list. */
  #refresh(): Promise<unknown> {
    return refreshSaved((entry) => this.#clientFor(entry)).catch(() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.#unlisten) off();
    this.#unlisten = [];
    this.#stopWatching();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // Another language means another shared client: move the subscription to it.
    if (changed.has('locale') || changed.has('api') || changed.has('siteKey')) this.#resubscribe(true);
  }

  /** Reload from the stores; changes arriving during a reload trigger one more. */
  #reload(): Promise<void> {
    if (this.#loading) {
      this.#reloadAgain = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#reloadAgain = false;
        try {
          const [saved, queued] = await Promise.all([listSaved(), listOutbox().catch(() => [] as OutboxEntry[])]);
          this.saved = saved.sort(byUrgency);
          this.queued = queued;
          this.storageFailed = false;
        } catch {
          this.storageFailed = true;
        }
      } while (this.#reloadAgain);
      this.loaded = true;
      this.#setUnseen(this.saved.filter(isUnseen).length);
      this.#resubscribe(false);
    })().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  #setUnseen(count: number): void {
    if (count === this.unseen) return;
    this.unseen = count;
    this.emit('lapor-unseen-change', { count });
  }

  #clientFor(entry: Pick<SavedReport, 'api' | 'siteKey'>): LaporClient {
    return clientFor({ api: entry.api, siteKey: entry.siteKey ?? this.effectiveSiteKey, lang: this.locale });
  }

  /** One `watch` per gateway (normally exactly one) covering every saved report. */
  #groups(): Group[] {
    const groups = new Map<LaporClient, Group>();
    for (const entry of this.saved) {
      const client = this.#clientFor(entry);
      let group = groups.get(client);
      if (!group) groups.set(client, (group = { client, entries: [] }));
      // The gateway watches at most LIMITS.watchReports per ticket, and an opened report
      // shares the ticket: keep one place free. The list is sorted, so the most urgent stay live.
      if (group.entries.length < LIMITS.watchReports - 1) group.entries.push(entry);
    }
    return [...groups.values()];
  }

  #resubscribe(force: boolean): void {
    if (!this.isConnected || !this.loaded) return;
    const groups = this.#groups();
    const key = JSON.stringify(
      groups.map((g) => [g.client.api, g.client.siteKey, g.client.lang, g.entries.map((e) => `${e.trackingId}:${e.accessToken}`).sort()]),
    );
    if (!force && key === this.#watchKey) return;
    this.#stopWatching();
    this.#watchKey = key;
    for (const { client, entries } of groups) {
      this.#unwatch.push(
        client.watch(
          entries.map((e) => ({ trackingId: e.trackingId, accessToken: e.accessToken })),
          (event) => this.#onReport(event.report),
          { onState: (s) => (this.connection = s) },
        ),
      );
    }
  }

  #stopWatching(): void {
    for (const off of this.#unwatch) off();
    this.#unwatch = [];
    this.#watchKey = '';
    this.connection = undefined;
  }

  #onReport(report: Report): void {
    // Show it at once; the store then tells every tab (and our own reload) about it.
    this.saved = this.saved
      .map((e) =>
        e.trackingId === report.trackingId && Date.parse(report.updatedAt) > Date.parse(e.report?.updatedAt ?? '')
          ? { ...e, report, status: report.status, title: report.title }
          : e,
      )
      .sort(byUrgency);
    void updateSnapshot(report.trackingId, report).catch(() => undefined);
  }

  async #toggle(entry: SavedReport): Promise<void> {
    const open = new Set(this.open);
    if (open.has(entry.trackingId)) open.delete(entry.trackingId);
    else {
      open.add(entry.trackingId);
      if (entry.report) await markSeen(entry.trackingId, entry.report.updatedAt).catch(() => undefined);
    }
    this.open = open;
  }

  /** "Tampilkan kode": only on a deliberate tap (someone may be looking over a shoulder). */
  #toggleCode(entry: SavedReport): void {
    const shown = new Set(this.codesShown);
    if (shown.has(entry.trackingId)) shown.delete(entry.trackingId);
    else shown.add(entry.trackingId);
    this.codesShown = shown;
    void markCodeSeen(entry.trackingId).catch(() => undefined);
  }

  /** "Sudah saya simpan": the code hides behind "Tampilkan kode akses", which then has focus (not <body>). */
  async #codeKept(trackingId: string): Promise<void> {
    await markCodeSeen(trackingId).catch(() => undefined);
    await this.#reload();
    await this.updateComplete;
    this.#focusItem(trackingId, '[part~="show-code"]');
  }

  async #askRemove(trackingId: string): Promise<void> {
    this.confirming = trackingId;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLButtonElement>('.confirm button.danger')?.focus();
  }

  async #cancelRemove(trackingId: string): Promise<void> {
    this.confirming = undefined;
    await this.updateComplete;
    this.#focusItem(trackingId, '.remove');
  }

  async #remove(trackingId: string): Promise<void> {
    this.confirming = undefined;
    const open = new Set(this.open);
    open.delete(trackingId);
    this.open = open;
    await removeSaved(trackingId);
    this.#announce(this.t('myReports.removed', { trackingId }));
    await this.#reload();
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h2')?.focus();
  }

  #focusItem(trackingId: string, selector: string): void {
    this.shadowRoot?.querySelector<HTMLElement>(`[data-id="${trackingId}"] ${selector}`)?.focus();
  }

  #announce(text: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  protected override render(): TemplateResult {
    return html`
      <!-- Not a <section>: a labelled section is a landmark, and the page around this
           element usually has its own "Laporan saya" region (axe: landmark-unique). -->
      <div class="mine">
        <h2 id="heading" tabindex="-1">
          ${this.t('myReports.heading')}
          ${this.unseen ? html`<span class="count" part="badge">${this.unseen}</span>` : nothing}
        </h2>
        ${this.unseen ? html`<p class="unseen">${this.t('myReports.unseen', { n: this.unseen })}</p>` : nothing}
        ${this.#renderBody()}
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  #renderBody(): TemplateResult {
    if (this.storageFailed) return html`<p class="notice error" role="alert">${this.t('myReports.storageError')}</p>`;
    if (!this.loaded) return html`<p role="status">${this.t('myReports.loading')}</p>`;
    if (!this.saved.length && !this.queued.length) return html`<p class="empty" part="empty">${this.t('myReports.empty')}</p>`;
    const list = reportListModule.loaded();
    if (!list) {
      if (!this.listFailed) return html`<p role="status">${this.t('myReports.loading')}</p>`;
      // The list's chunk was lost on the way (a bad connection): the reports are safe on the device.
      return html`<div class="notice error" role="alert">
        <p>${this.t('error.network')}</p>
        <button type="button" class="secondary" part="button" @click=${() => void this.#retryList()}>${this.t('common.retry')}</button>
      </div>`;
    }
    return html`
      ${this.connection && this.connection !== 'live'
        ? html`<p class="connection ${this.connection}">${this.t(`reportStatus.connection.${this.connection}`)}</p>`
        : nothing}
      ${list.renderReportList(this.queued, this.saved, {
        t: this.t.bind(this),
        locale: this.locale,
        open: this.open,
        codesShown: this.codesShown,
        confirming: this.confirming,
        siteKey: this.effectiveSiteKey ?? '',
        clientFor: (entry) => this.#clientFor(entry),
        toggle: (entry) => void this.#toggle(entry),
        toggleCode: (entry) => this.#toggleCode(entry),
        codeKept: (trackingId) => void this.#codeKept(trackingId),
        askRemove: (trackingId) => void this.#askRemove(trackingId),
        cancelRemove: (trackingId) => void this.#cancelRemove(trackingId),
        remove: (trackingId) => void this.#remove(trackingId),
      })}
    `;
  }
}
