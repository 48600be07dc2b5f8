import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Report, ReportStatus } from '../../contract/index.js';
import { LaporElement } from '../shared/lapor-element.js';
import { lazyModule } from '../shared/lazy-module.js';
import { getSaved } from '../../store/saved-reports.js';
import type { LaporClient } from '../../sdk/types.js';
import { loadValidation } from './load-validation.js';
import { checkLookup, normalizeLookup, renderLookup, type LookupValues } from './lookup-form.js';
import { ReportTracker } from './report-tracker.js';
import type { ReportView } from './report-view.js';
import { styles } from './report-status.styles.js';
import '../../i18n/register/report-status.js';
// Its not-found notice uses the SDK's words for that error (loaded with the SDK anyway).
import '../../i18n/register/sdk-errors.js';

/**
 * `live` is on unless the attribute says otherwise: `live="false"` (or `off`, `0`, `no`)
 * turns it off, any other value or none keeps it on. HTML booleans cannot default to on.
 */
export const liveConverter = {
  fromAttribute: (value: string | null): boolean => value === null || !/^(false|off|0|no)$/i.test(value.trim()),
  toAttribute: (value: boolean): string | null => (value ? null : 'false'),
};

/**
 * The report view (report-view.ts): its own chunk, requested when there is a report to
 * follow, beside the request for the report. Exported for tests (a held-back or lost chunk).
 */
export const reportViewModule = lazyModule(() => import('./report-view.js'));

export interface StatusChangeDetail {
  trackingId: string;
  from: ReportStatus;
  to: ReportStatus;
}

declare global {
  interface LaporEventMap {
    'lapor-status-change': CustomEvent<StatusChangeDetail>;
  }
}

/**
 * Follows one report live: status stepper, SLA countdowns, agency responses, timeline,
 * LAPOR! sync, and the citizen's reply or rating. Without `tracking-id` and
 * `access-token` it asks for them.
 *
 * @event lapor-status-change - The status changed while on screen; detail `{trackingId, from, to}`. Once per change.
 * @event lapor-sla-breach - Bubbles from the countdowns when a deadline passes.
 * @csspart report - The report view.
 * @csspart stepper - The ordered list of steps.
 * @csspart step - One step (each also has one of the three below).
 * @csspart step-done - A step already passed.
 * @csspart step-current - The step the report is at.
 * @csspart step-upcoming - A step still ahead.
 * @csspart urgent-clock - The box the view leads with: the binding promise in one sentence (who should act, by when, what to do if that passes) and its countdown.
 * @csspart countdown - Every `<lapor-sla-countdown>`.
 * @csspart response - One agency response or citizen reply.
 * @csspart timeline - The list of events.
 * @csspart upstream - The LAPOR! sync line.
 * @csspart connection - The connection indicator and "last updated".
 * @csspart loading - The loading message.
 * @csspart error - A load error with its retry button.
 * @csspart not-found - The one "not found" message.
 * @csspart lookup-form - The tracking form.
 * @csspart forgot - The "Lupa kode akses?" button under the tracking form.
 * @csspart forgot-form - The form that sends a new access code to the report's contact.
 * @csspart reply-form - The reply form.
 * @csspart rating-form - The rating form.
 * @csspart rating - The rating already given.
 * @csspart button - Every button.
 * @cssproperty --lapor-color-accent - Accent: current step, buttons, urgent countdown.
 * @cssproperty --lapor-color-success - Steps done, live connection.
 * @cssproperty --lapor-color-warning - Side states, offline, stars.
 * @cssproperty --lapor-color-danger - Errors.
 */
export class LaporReportStatus extends LaporElement {
  static override styles = styles;

  /** Nomor pelacakan, e.g. `LPR-7K3M-Q9XD`. */
  @property({ attribute: 'tracking-id' }) trackingId = '';

  /** Kode akses given with the tracking number. Never put in a URL. */
  @property({ attribute: 'access-token' }) accessToken = '';

  /** Follow changes live (default). `live="false"` shows the report as loaded, without a connection. */
  @property({ converter: liveConverter, reflect: false }) live = true;

  @state() private announcement = '';
  @state() private highlight: ReportStatus | undefined;
  @state() private lookup: LookupValues = { trackingId: '', accessToken: '' };
  @state() private lookupErrors: Record<string, string> = {};
  /** The lookup's validation layer failed to download (a lost chunk on a bad connection). */
  @state() private lookupOffline = false;
  /** "Lupa kode akses?" below the lookup. */
  @state() private forgot = { open: false, contact: '', error: '', busy: false, sent: false };
  #forgotForm: typeof import('./forgot-form.js') | undefined;

  private readonly tracker = new ReportTracker(this, (trackingId, from, to) => this.#statusChanged(trackingId, from, to));
  #following: Promise<void> = Promise.resolve();
  #nowFor = new WeakMap<LaporClient, () => number>();
  /** The report view once its chunk is in (one per element: it holds the reply typed so far). */
  #view?: ReportView;
  /** Its download, while under way. */
  #viewJob?: Promise<void>;
  /** Its download failed: the load error shows, and its retry fetches it again. */
  @state() private viewFailed = false;

  /** The report on screen, if any (read-only). */
  get report(): Report | undefined {
    return this.tracker.report;
  }

  /**
   * Show this report (used by the embed's `track` command and the widget). Without an
   * access code, the one saved on this device is used; failing that, the form opens with
   * the tracking number filled in and the access-code field focused. Resolves once the
   * report is loaded or has failed.
   */
  async track(trackingId: string, accessToken?: string): Promise<void> {
    let token = accessToken?.trim() ?? '';
    const id = normalizeLookup({ trackingId, accessToken: '' }).trackingId;
    if (!token) token = (await getSaved(id).catch(() => undefined))?.accessToken ?? '';
    if (!token) {
      this.trackingId = '';
      this.accessToken = '';
      await this.updateComplete;
      this.lookup = { trackingId: id, accessToken: '' };
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLInputElement>('#accessToken')?.focus();
      return;
    }
    const values = normalizeLookup({ trackingId: id, accessToken: token });
    this.trackingId = values.trackingId;
    this.accessToken = values.accessToken;
    await this.updateComplete;
    await this.#following;
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // The lookup's and follow-up's schemas: fetched now, so a submit rarely waits for them.
    void loadValidation().catch(() => {});
    // The report view too, while there is a connection: a report saved on this device then
    // still shows offline. Nothing waits for it here; following a report does (#loadView).
    if (!isServer) {
      void reportViewModule.load().then(
        () => this.requestUpdate(),
        () => {},
      );
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed); // settles `locale`, which picks the client
    // The form shows what is being tracked, so a wrong code can be corrected in place.
    if (changed.has('trackingId') || changed.has('accessToken')) {
      this.lookup = { trackingId: this.trackingId, accessToken: this.accessToken };
    }
    // A view fetched by another element or the warm-up above: use it (and clear a lost one).
    const loaded = reportViewModule.loaded();
    if (loaded && !this.#view && this.tracker.target) this.#createView(loaded);
    // Before rendering, so that the first render already shows "loading", not the form.
    const keys = ['trackingId', 'accessToken', 'live', 'api', 'siteKey', 'locale'] as const;
    if (keys.some((k) => changed.has(k as keyof LaporReportStatus))) this.#follow();
  }

  #follow(): void {
    const client = this.client;
    const target =
      this.trackingId && this.accessToken && client
        ? { client, trackingId: this.trackingId, accessToken: this.accessToken, live: this.live }
        : undefined;
    // Also when the target is unchanged: a view lost on the way is fetched again by `track()`.
    if (target) this.#loadView();
    const current = this.tracker.target;
    if (
      current?.client === target?.client &&
      current?.trackingId === target?.trackingId &&
      current?.accessToken === target?.accessToken &&
      current?.live === target?.live
    ) {
      return;
    }
    this.#following = this.tracker.follow(target);
  }

  /**
   * Fetch the report view (once) for a report to follow: it can only show once the report
   * is in, which takes as long. `updateComplete` waits for it.
   */
  #loadView(): void {
    if (this.#view || this.#viewJob || isServer) return;
    const loaded = reportViewModule.loaded();
    if (loaded) return this.#createView(loaded);
    this.viewFailed = false;
    this.#viewJob = reportViewModule
      .load()
      .then((mod) => this.#createView(mod))
      .then(
        () => this.requestUpdate(),
        () => {
          this.viewFailed = true;
        },
      )
      .finally(() => (this.#viewJob = undefined));
  }

  #createView({ ReportView }: typeof import('./report-view.js')): void {
    this.viewFailed = false;
    this.#view ??= new ReportView(this, {
      accepted: (report, kind) => {
        this.tracker.accept(report);
        this.#announce(this.t(kind === 'reply' ? 'reportStatus.reply.sent' : 'reportStatus.rating.sent'));
        void this.#focusAccepted(report, kind);
      },
      conflict: () => void this.tracker.retry(),
      now: () => this.#now(this.client)(),
    });
  }

  /** Back online: a view lost on the way is fetched again, as the tracker reloads the report. */
  #onOnline = (): void => {
    if (this.viewFailed) this.#loadView();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.#onOnline);
  }

  /** Settled once the report view is drawn too, when its chunk was on its way. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.#viewJob) return done;
    await this.#viewJob;
    return super.getUpdateComplete();
  }

  /**
   * After "Kirim balasan" focus lands on the reply just added (the newest of the
   * citizen's); after "Kirim penilaian", on the rating now shown in place of its form.
   * Never on <body> (WCAG 2.4.3).
   */
  async #focusAccepted(report: Report, kind: 'reply' | 'rating'): Promise<void> {
    await this.updateComplete;
    const root = this.shadowRoot;
    if (kind === 'rating') return root?.querySelector<HTMLElement>('#rating-given')?.focus();
    const mine = report.responses.filter((r) => r.author === 'citizen').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const newest = mine[mine.length - 1];
    if (newest) root?.querySelector<HTMLElement>(`#response-${CSS.escape(newest.id)}`)?.focus();
  }

  #statusChanged(trackingId: string, from: ReportStatus, to: ReportStatus): void {
    this.highlight = to;
    this.#announce(this.t('reportStatus.changed', { status: this.t(`status.${to}`) }));
    this.emit('lapor-status-change', { trackingId, from, to });
  }

  #announce(text: string): void {
    // Clearing first makes screen readers speak a message equal to the previous one.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  #now(client: LaporClient | undefined): () => number {
    if (!client) return Date.now;
    let now = this.#nowFor.get(client);
    if (!now) this.#nowFor.set(client, (now = () => client.serverNow()));
    return now;
  }

  #onLookupSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    this.lookupOffline = false;
    let checked: Awaited<ReturnType<typeof checkLookup>>;
    try {
      checked = await checkLookup(this.lookup, this.locale);
    } catch {
      // The validation layer could not be downloaded: say so, as the form does.
      this.lookupOffline = true;
      return;
    }
    if (!checked.ok) {
      this.lookupErrors = checked.errors;
      void this.updateComplete.then(() => {
        const first = this.shadowRoot?.querySelector<HTMLInputElement>('input[aria-invalid="true"]');
        first?.focus();
      });
      return;
    }
    this.lookupErrors = {};
    void this.track(this.lookup.trackingId, this.lookup.accessToken);
  };

  #openForgot = async (): Promise<void> => {
    try {
      this.#forgotForm ??= await import('./forgot-form.js');
    } catch {
      this.lookupOffline = true;
      return;
    }
    this.forgot = { ...this.forgot, open: true };
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLInputElement>('#contact')?.focus();
  };

  protected override render(): TemplateResult {
    return html`${this.#renderBody()}
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  #renderBody(): TemplateResult | typeof nothing {
    const { phase, report } = this.tracker;
    const hasIds = this.trackingId && this.accessToken;
    if (hasIds && !this.client) {
      return html`<p class="notice error" role="alert">${this.t('reportStatus.noApi')}</p>`;
    }
    if (!hasIds || phase === 'idle' || phase === 'not-found') {
      return renderLookup({
        t: (k, p) => this.t(k, p),
        values: this.lookup,
        errors: this.lookupErrors,
        notice: phase === 'not-found' ? this.t('error.report_not_found') : this.lookupOffline ? this.t('error.network') : undefined,
        busy: phase === 'loading',
        onInput: (name, value) => (this.lookup = { ...this.lookup, [name]: value }),
        onSubmit: this.#onLookupSubmit,
        forgot:
          this.forgot.open && this.#forgotForm
            ? this.#forgotForm.renderForgot({
                t: (k, p) => this.t(k, p),
                locale: this.locale,
                values: this.lookup,
                client: this.client,
                state: this.forgot,
                update: (state) => (this.forgot = { ...this.forgot, ...state }),
                trackingError: (message) => (this.lookupErrors = message ? { trackingId: message } : {}),
              })
            : html`<button type="button" part="forgot" @click=${this.#openForgot}>${this.t('reportStatus.forgot.link')}</button>`,
      });
    }
    if (!report) {
      if (phase === 'error') return this.#renderLoadError();
      return this.#renderLoading();
    }
    if (this.#view) return this.#renderReport(this.#view, report);
    // The report is in but its view could not be downloaded (a connection lost on the way).
    if (this.viewFailed) return this.#renderLoadError();
    return this.#renderLoading();
  }

  #renderLoading(): TemplateResult {
    return html`<p class="loading" role="status" part="loading">${this.t('common.loading')}</p>`;
  }

  #renderLoadError(): TemplateResult {
    const viewLost = this.viewFailed && !this.#view;
    const text =
      this.tracker.phase === 'error' && this.tracker.failure === 'server'
        ? this.t('reportStatus.loadFailed.server')
        : this.t('reportStatus.loadFailed.network');
    const retry = async () => {
      if (viewLost) this.#loadView();
      if (this.tracker.phase === 'error') await this.tracker.retry();
      await this.updateComplete;
      // The button is gone with the notice: focus goes to the report, never to <body>.
      if (!this.shadowRoot?.activeElement) this.shadowRoot?.querySelector<HTMLElement>('#title, [part~="error"] button')?.focus();
    };
    return html`<div class="notice error" role="alert" part="error">
      <p>${text}</p>
      <button type="button" part="button" @click=${() => void retry()}>${this.t('common.retry')}</button>
    </div>`;
  }

  #renderReport(view: ReportView, report: Report): TemplateResult {
    const client = this.client;
    const { phase, connection, online, lastSyncedAt } = this.tracker;
    return view.render(report, {
      t: this.t.bind(this),
      locale: this.locale,
      client,
      trackingId: this.trackingId,
      accessToken: this.accessToken,
      now: this.#now(client),
      highlight: this.highlight,
      tracker: { phase, connection, online, lastSyncedAt },
      loadError: () => this.#renderLoadError(),
    });
  }
}
