import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
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
import { renderCountdown } from '../report-status/details.js';
import { bindingClock } from '../report-status/promise.js';
import { formatInstant } from '../report-status/time-format.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import { byUrgency } from './sort.js';
import { refreshSaved } from './refresh.js';
import { formatAccessCode } from '../../contract/access-code.js';
import { styles } from './my-reports.styles.js';
import '../../i18n/register/my-reports.js';
import '../../i18n/register/sent-from-outbox.js';
// The connection line reuses reportStatus.connection.*.
import '../../i18n/register/report-status.js';

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

  /** How many saved reports changed since the citizen last opened them. */
  get unseenCount(): number {
    return this.unseen;
  }

  /** Resolves once the list reflects the device's stores (tests, the widget). @internal */
  get ready(): Promise<void> {
    return this.#loading ?? Promise.resolve();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const onOnline = () => void this.#refresh();
    window.addEventListener('online', onOnline);
    this.#unlisten = [
      onSavedChange(() => void this.#reload()),
      onOutboxChange(() => void this.#reload()),
      () => window.removeEventListener('online', onOnline),
    ];
    // The device's list at once (offline too), then the gateway's news on top of it.
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
    return html`
      ${this.connection && this.connection !== 'live'
        ? html`<p class="connection ${this.connection}">${this.t(`reportStatus.connection.${this.connection}`)}</p>`
        : nothing}
      <ul class="list" part="list">
        ${repeat(this.queued, (e) => e.clientId, (e) => this.#renderQueued(e))}
        ${repeat(this.saved, (e) => e.trackingId, (e) => this.#renderSaved(e))}
      </ul>
    `;
  }

  /** A moment on this device, in Banyuwangi's zone as every time the citizen sees ("7 Des 2026 14.02 WIB"). */
  #when(iso: string): string {
    return `${formatInstant(iso, this.locale, 'Asia/Jakarta')} ${this.t('reportStatus.zone.Asia/Jakarta')}`;
  }

  /**
   * Still on the device: said plainly that it is not sent, that it goes by itself (also
   * from any page of this site opened later), and that its clock has not started.
   */
  #renderQueued(entry: OutboxEntry): TemplateResult {
    return html`<li class="item queued" part="item" data-client-id=${entry.clientId}>
      <h3 class="title">${entry.input.title}</h3>
      <p class="meta">
        <span>${this.t(`classification.${entry.input.classification}`)}</span> ·
        <span class="status">${this.t('status.queued')}</span>
      </p>
      <p class="note">${this.t('myReports.queuedNote', { queued: this.#when(entry.createdAt) })}</p>
    </li>`;
  }

  /**
   * The access code behind "Tampilkan kode". A report sent from the outbox while nobody
   * was looking shows its code at once, said to be new: it was never on screen.
   */
  #renderCode(entry: SavedReport): TemplateResult {
    const fresh = entry.codeSeen === false;
    const shown = fresh || this.codesShown.has(entry.trackingId);
    const id = `code-${entry.trackingId}`;
    return html`<div class="code-row">
      ${fresh ? html`<p class="note" part="code-note">${this.#sentNote(entry)}</p>` : nothing}
      ${fresh
        ? nothing
        : html`<button type="button" class="secondary" part="button show-code" aria-expanded=${shown ? 'true' : 'false'} aria-controls=${id} @click=${() => this.#toggleCode(entry)}>
            ${this.t(shown ? 'myReports.hideCode' : 'myReports.showCode')}<span class="visually-hidden">: ${entry.title}</span>
          </button>`}
      <p id=${id} class="code" ?hidden=${!shown}>
        ${shown ? html`${this.t('field.accessToken')}: <span class="value" part="code">${formatAccessCode(entry.accessToken)}</span>` : nothing}
      </p>
      ${fresh ? html`<button type="button" class="secondary" part="button" @click=${() => void this.#codeKept(entry.trackingId)}>${this.t('myReports.codeKept')}</button>` : nothing}
    </div>`;
  }

  /**
   * What is true of a report sent from the outbox: when it was saved on the device and
   * when the gateway received it (where its clocks start), not a guess about who was
   * looking when it went.
   */
  #sentNote(entry: SavedReport): string {
    const received = entry.report?.createdAt;
    if (entry.queuedAt && received) return this.t('myReports.sentLater', { queued: this.#when(entry.queuedAt), received: this.#when(received) });
    return received ? this.t('myReports.sentReceived', { received: this.#when(received) }) : this.t('myReports.sentKeep');
  }

  #renderSaved(entry: SavedReport): TemplateResult {
    const report = entry.report;
    const open = this.open.has(entry.trackingId);
    const client = this.#clientFor(entry);
    // The clock a citizen must know about: one already late outranks one still running.
    const urgent = report ? bindingClock(report.clocks, client.serverNow()) : undefined;
    const breached = !urgent && report?.clocks.some((c) => c.state === 'breached');
    const detailId = `detail-${entry.trackingId}`;
    return html`<li class="item" part="item" data-id=${entry.trackingId}>
      <h3 class="title">
        <button
          type="button"
          class="toggle"
          part="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${detailId}
          @click=${() => void this.#toggle(entry)}
        >
          ${entry.title}
        </button>
      </h3>
      <p class="meta">
        <span>${this.t(`classification.${entry.classification}`)}</span> · <span>${formatTrackingId(entry.trackingId)}</span> ·
        <span class="status">${this.t(`status.${entry.status}`)}</span>
        ${isUnseen(entry) ? html`<span class="badge" part="badge">${this.t('myReports.changed')}</span>` : nothing}
      </p>
      ${this.#renderCode(entry)}
      ${urgent
        ? html`<div class="countdown">
            ${renderCountdown(urgent, {
              t: this.t.bind(this),
              locale: this.locale,
              serverOffset: client.clockOffsetMs,
              now: client.serverNow,
            })}
          </div>`
        : breached
          ? html`<p class="breached">${this.t('myReports.breached')}</p>`
          : nothing}
      <div id=${detailId} class="detail" ?hidden=${!open}>
        ${open
          ? html`<lapor-report-status
              part="detail"
              api=${entry.api}
              site-key=${entry.siteKey ?? this.effectiveSiteKey ?? ''}
              lang=${this.locale}
              tracking-id=${entry.trackingId}
              access-token=${entry.accessToken}
            ></lapor-report-status>`
          : nothing}
      </div>
      ${this.confirming === entry.trackingId
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-${entry.trackingId}">
            <p id="confirm-${entry.trackingId}">${this.t('myReports.confirmRemove', { trackingId: entry.trackingId })}</p>
            <button type="button" class="danger" part="button" @click=${() => void this.#remove(entry.trackingId)}>
              ${this.t('myReports.confirmYes')}
            </button>
            <button type="button" class="secondary" part="button" @click=${() => void this.#cancelRemove(entry.trackingId)}>
              ${this.t('common.cancel')}
            </button>
          </div>`
        : html`<button type="button" class="remove secondary" part="button" @click=${() => void this.#askRemove(entry.trackingId)}>
            ${this.t('myReports.remove')}<span class="visually-hidden">: ${entry.title}</span>
          </button>`}
    </li>`;
  }
}
