import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Report, ReportStatus, TransitionInput } from '../../contract/index.js';
import type { Institution } from '../../contract/reference.js';
import type { ReportEvent } from '../../contract/watch.js';
import { LaporHttpError } from '../../sdk/errors/http-error.js';
import { LaporValidationError } from '../../sdk/errors/validation-error.js';
import { LaporElement } from '../shared/lapor-element.js';
import { deviceNow, subscribe } from '../sla-countdown/ticker.js';
import { NEEDS_FORM, legalActions, type AdminAction } from './actions.js';
import { formInput } from './action-input.js';
import type { AdminApi } from './admin-api.js';
import { beep, enableNotifications, notify } from './alerts.js';
import { renderCompliance, type ComplianceState } from './compliance-view.js';
import { renderDetail, type DetailState } from './detail.js';
import { linkedReport } from './deep-link.js';
import { dateInput, startOfDayWib } from './format.js';
import type { LiveState } from './live.js';
import { renderPage } from './queue-list.js';
import { NO_FILTER, applyFilter, buildQueue, isOverdue, upsert, type QueueFilter, type QueueItem, type Scope } from './queue-model.js';
import { clearSession, readMine, readToken, saveMine, saveToken } from './session.js';
import { WarningTracker, type Crossing } from './warnings.js';
import { renderAlertSwitches, renderFilters, renderSignIn, renderWarnings } from './panels.js';
import { renderCountdown } from '../report-status/details.js';
import { styles } from './admin-queue.styles.js';
import '../../i18n/register/admin-queue.js';
import '../../i18n/register/channel.js';
// The detail reuses the status view's clock, response and timeline renderers and strings.
import '../../i18n/register/report-status.js';

export interface AdminActionDetail {
  trackingId: string;
  action: AdminAction;
}

declare global {
  interface LaporEventMap {
    'lapor-admin-action': CustomEvent<AdminActionDetail>;
  }
}

/** Rows per page: 1,000 open reports stay 20 pages of 50 live rows, not 1,000 countdowns. */
export const PAGE_SIZE = 50;

let apiModule: Promise<typeof import('./admin-api.js')> | undefined;
/** One download of the API module per page; a failed one (a chunk lost) is tried again next time. */
function loadApi(): Promise<typeof import('./admin-api.js')> {
  return (apiModule ??= import('./admin-api.js').catch((error: unknown) => {
    apiModule = undefined;
    throw error;
  }));
}
const DAY = 86_400_000;

/**
 * The OPD admin console: the 4-hour SOP as a live queue.
 *
 * The admin signs in with their scoped token ("Token admin", kept in `sessionStorage`
 * only). The queue lists the institution's open reports, least time left on the most
 * urgent clock first, with an "overdue" group and banner that cannot be missed, filters
 * (status, overdue, mine) and search by tracking number, 50 rows a page. It is live over
 * the admin stream (new reports within the gateway's tail interval, a colleague's action
 * moves the row). At 60 and 15 minutes left on `local.handle` a visible warning appears
 * and is announced (15 minutes: assertively), optionally with a browser notification or
 * a tone. A report opens in place with every clock, its timeline and the actions its
 * status allows. A second tab shows the compliance figures.
 *
 * Keyboard: `j`/`k` move between reports, Enter opens, Escape goes back, `/` searches.
 *
 * @event lapor-admin-action - An action was accepted by the gateway; detail `{trackingId, action}`.
 * @csspart list - Each list of rows.
 * @csspart row - One report in the queue.
 * @csspart breach - The "Terlambat" marker of an overdue row.
 * @csspart countdown - Each `<lapor-sla-countdown>`.
 * @csspart overdue-banner - The overdue count above the queue.
 * @csspart warning - One deadline warning.
 * @csspart detail - The opened report.
 * @csspart action - Each action button.
 * @csspart compliance-table - The compliance table.
 * @csspart compliance-chart - The compliance bar chart.
 * @cssproperty --lapor-color-danger - Overdue marks and the 15-minute warning.
 * @cssproperty --lapor-color-warning - The 60-minute warning.
 */
export class LaporAdminQueue extends LaporElement {
  static override styles = styles;

  /** Only this institution's reports (the token must cover it). Unset: every institution of the token. */
  @property() institution = '';

  @state() private token: string | undefined;
  @state() private signIn: { busy: boolean; error: string | undefined } = { busy: false, error: undefined };
  @state() private items: QueueItem[] = [];
  @state() private loaded = false;
  @state() private loadError: string | undefined;
  @state() private filter: QueueFilter = NO_FILTER;
  @state() private page = 0;
  @state() private view: 'queue' | 'compliance' = 'queue';
  @state() private detail: DetailState | undefined;
  @state() private connection: LiveState | undefined;
  @state() private alertText = '';
  @state() private politeText = '';
  @state() private notifyOn = false;
  @state() private notifyDenied = false;
  @state() private soundOn = false;
  @state() private institutions: Institution[] = [];
  @state() private compliance: ComplianceState = { from: '', to: '', loading: false, error: undefined, data: undefined };
  /** Server time of the last render that matters (overdue grouping, ages). */
  @state() private now = 0;

  #api: AdminApi | undefined;
  #apiKey = '';
  #scopeInstitutions: ReadonlySet<string> | null = null;
  #mine = new Set<string>();
  #categories = new Map<string, { id: string; en: string }>();
  #tracker = new WarningTracker();
  #stopLive: (() => void) | undefined;
  #stopTick: (() => void) | undefined;
  #loadSeq = 0;
  #liveGeneration = 0;
  /** Aborts the queue loads in flight when the element leaves the page or the admin signs out. */
  #requests = new AbortController();
  /** Reports from events received during a reload (see #reload). */
  #during: Report[] | undefined;
  /** When the next report becomes overdue (the list is sorted by deadline). */
  #nextOverdueAt = Number.POSITIVE_INFINITY;
  /** The check at the next 60/15-minute or deadline crossing (see #scheduleCrossing). */
  #crossingTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopTick = subscribe((device) => this.#onTick(device));
    // Moved in the page (disconnected, then connected again): pick up where it was.
    if (this.#requests.signal.aborted) this.#requests = new AbortController();
    if (this.token && !this.#stopLive) this.#goLive(this.token);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTick?.();
    this.#stopTick = undefined;
    this.#stopLive?.();
    this.#stopLive = undefined;
    this.#requests.abort();
    clearTimeout(this.#crossingTimer);
    this.#crossingTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const api = this.effectiveApi;
    // A token kept in this tab from before a reload: sign in with it again, silently.
    if (api && this.token === undefined && !this.signIn.busy && !this.signIn.error) {
      const kept = readToken(api);
      if (kept) void this.#start(kept, true);
    }
    // Another institution is another queue (the API client is keyed on it, and on the language).
    if (this.token && changed.has('institution') && changed.get('institution') !== undefined) void this.#restart();
  }

  // ---- session ----------------------------------------------------------------------

  /**
   * The API client, loaded on first use: the HTTP layer (ky) and the contract's schemas
   * (zod) are not part of this element's eager code, so `lapor-widget/define` and a
   * page that never signs in do not carry them.
   */
  async #apiFor(token: string): Promise<AdminApi> {
    const api = this.effectiveApi!;
    const key = `${api}\u0000${token}\u0000${this.locale}\u0000${this.institution}`;
    if (!this.#api || key !== this.#apiKey) {
      const { createAdminApi } = await loadApi();
      if (!this.#api || key !== this.#apiKey) {
        this.#api = createAdminApi({ api, token, lang: this.locale, institution: this.institution || undefined });
        this.#apiKey = key;
      }
    }
    return this.#api;
  }

  get #scope(): Scope {
    return { institutions: this.#scopeInstitutions, institution: this.institution || undefined };
  }

  async #submitSignIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    const token = input.value.trim();
    if (!token) {
      this.signIn = { busy: false, error: this.t('adminQueue.signIn.required') };
      input.focus();
      return;
    }
    await this.#start(token, false);
  }

  /** Check the token by loading the queue; on success keep it (this tab only) and go live. */
  async #start(token: string, silent: boolean): Promise<void> {
    const api = this.effectiveApi;
    if (!api) return;
    this.signIn = { busy: true, error: undefined };
    this.#mine = readMine(api);
    try {
      if (this.#requests.signal.aborted) this.#requests = new AbortController();
      const first = await (await this.#apiFor(token)).queue(this.#requests.signal);
      saveToken(api, token);
      this.token = token;
      this.signIn = { busy: false, error: undefined };
      this.#setItems(buildQueue(first.items, this.#scope));
      this.loaded = true;
      this.#goLive(token);
      void this.#loadReference(token);
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#queue-heading')?.focus();
      // Issue 28: a link from an escalation message (/admin.html#LPR-…) opens its report.
      const linked = linkedReport();
      if (linked) void this.#open(linked);
    } catch (error) {
      if (this.#requests.signal.aborted) {
        this.signIn = { busy: false, error: undefined };
        return;
      }
      if (error instanceof LaporHttpError && error.status === 401) {
        clearSession(api);
        this.signIn = { busy: false, error: this.t(silent ? 'adminQueue.signIn.expired' : 'adminQueue.signIn.invalid') };
      } else {
        this.signIn = { busy: false, error: (error as Error).message };
      }
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLInputElement>('#token')?.focus();
    }
  }

  async #restart(): Promise<void> {
    const token = this.token;
    this.#stopLive?.();
    this.#stopLive = undefined;
    this.items = [];
    this.loaded = false;
    if (token) await this.#start(token, true);
  }

  #signOut(expired = false): void {
    const api = this.effectiveApi;
    if (api) clearSession(api);
    this.#requests.abort();
    this.#stopLive?.();
    this.#stopLive = undefined;
    this.#api = undefined;
    this.token = undefined;
    this.items = [];
    this.loaded = false;
    this.detail = undefined;
    this.connection = undefined;
    this.#mine = new Set();
    this.#tracker = new WarningTracker();
    this.view = 'queue';
    this.compliance = { from: '', to: '', loading: false, error: undefined, data: undefined };
    this.signIn = { busy: false, error: expired ? this.t('adminQueue.signIn.expired') : undefined };
    this.#say(this.t('adminQueue.signedOut'));
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLInputElement>('#token')?.focus());
  }

  async #loadReference(token: string): Promise<void> {
    try {
      const ref = await (await this.#apiFor(token)).reference();
      this.institutions = ref.institutions;
      this.#categories = new Map(ref.categories.map((c) => [c.id, c.name]));
      this.requestUpdate();
    } catch {
      // Names only: the queue works without them (ids and "Tanpa kategori" instead).
    }
  }

  #categoryName = (id: string | null | undefined): string | undefined => {
    const name = id ? this.#categories.get(id) : undefined;
    return name ? (this.locale === 'en' ? name.en : name.id) : undefined;
  };

  // ---- the queue --------------------------------------------------------------------

  /** Reload the whole queue (a fresh stream cannot replay what happened before it). */
  #reload(): Promise<void> {
    const token = this.token;
    if (!token) return Promise.resolve();
    const seq = ++this.#loadSeq;
    // Events that arrive while the snapshot is on its way are newer than it may be: they
    // are applied again on top of it (upsert keeps whichever is newer).
    this.#during = [];
    return (async () => {
      try {
        const queue = await (await this.#apiFor(token)).queue(this.#requests.signal);
        if (seq !== this.#loadSeq || this.token !== token) return;
        let items = buildQueue(queue.items, this.#scope);
        for (const report of this.#during ?? []) items = upsert(items, report, this.#scope);
        this.#setItems(items);
        this.loadError = undefined;
        this.loaded = true;
      } catch (error) {
        if (this.#requests.signal.aborted) return;
        if (error instanceof LaporHttpError && error.status === 401) return this.#signOut(true);
        this.loadError = `${this.t('adminQueue.loadFailed')} ${(error as Error).message}`;
      }
    })().finally(() => {
      if (seq === this.#loadSeq) this.#during = undefined;
    });
  }

  #setItems(items: QueueItem[]): void {
    this.items = items;
    this.now = this.#serverNow();
    this.#nextOverdueAt = items.find((i) => !isOverdue(i, this.now))?.dueMs ?? Number.POSITIVE_INFINITY;
    const pages = Math.max(1, Math.ceil(this.#filtered().length / PAGE_SIZE));
    if (this.page >= pages) this.page = pages - 1;
    this.#scheduleCrossing();
  }

  /**
   * Wake up exactly when the next report crosses 60 or 15 minutes left or its deadline:
   * its warning, its one announcement and the counts then, not at the next tick or minute
   * (a timer keeps going in a background tab, where the countdowns' ticker pauses).
   */
  #scheduleCrossing(): void {
    clearTimeout(this.#crossingTimer);
    this.#crossingTimer = undefined;
    if (!this.token || !this.isConnected) return;
    const at = WarningTracker.nextCrossing(this.items, this.now);
    if (!Number.isFinite(at)) return;
    this.#crossingTimer = setTimeout(() => {
      this.#crossingTimer = undefined;
      this.#check(this.#serverNow());
      this.#setItems(this.items);
    }, Math.max(0, at - this.#serverNow()));
  }

  /** Announce the crossings since the last check, each once. */
  #check(now: number): void {
    for (const c of this.#tracker.check(this.items, now)) this.#warn(c);
  }

  #goLive(token: string): void {
    this.#stopLive?.();
    // Until the stream module is in, stopping means "do not start": the generation tells.
    const generation = ++this.#liveGeneration;
    this.#stopLive = () => void (this.#liveGeneration === generation && this.#liveGeneration++);
    void Promise.all([this.#apiFor(token), import('./live.js')]).then(
      ([api, { connectLive }]) => {
        if (generation !== this.#liveGeneration || this.token !== token) return;
        const stop = connectLive({
          api: api.api,
          ticket: () => api.watchTicket(),
          onEvent: (e) => this.#onEvent(e),
          onState: (s) => (this.connection = s),
          onFresh: () => void this.#reload(),
          onScope: (institutions) => (this.#scopeInstitutions = institutions ? new Set(institutions) : null),
        });
        this.#stopLive = () => {
          this.#liveGeneration++;
          stop();
        };
      },
      () => (this.connection = 'offline'),
    );
  }

  #onEvent(event: ReportEvent): void {
    const id = event.trackingId;
    this.#during?.push(event.report);
    const had = this.items.some((i) => i.report.trackingId === id);
    const next = upsert(this.items, event.report, this.#scope);
    const has = next.some((i) => i.report.trackingId === id);
    this.#setItems(next);
    const status = this.t(`status.${event.report.status}`);
    if (!had && has) this.#say(this.t('adminQueue.newReport', { trackingId: id }));
    else if (had && !has) this.#say(this.t('adminQueue.left', { trackingId: id, status }));
    else if (had && event.type === 'report.status_changed') this.#say(this.t('adminQueue.moved', { trackingId: id, status }));

    const d = this.detail;
    if (d?.report && d.trackingId === id && !d.busy && Date.parse(event.report.updatedAt) >= Date.parse(d.report.updatedAt)) {
      const report = { ...d.report, ...event.report };
      const stale = d.form && !legalActions(report.status).includes(d.form);
      this.detail = {
        ...d,
        report,
        form: stale ? undefined : d.form,
        notice: stale || event.report.status !== d.report.status ? { kind: 'error', text: this.t('adminQueue.conflict', { status }) } : d.notice,
      };
    }
  }

  #filtered(): QueueItem[] {
    return applyFilter(this.items, this.filter, this.now || this.#serverNow(), this.#mine);
  }

  #setFilter(patch: Partial<QueueFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.page = 0;
  }

  // ---- time, warnings ---------------------------------------------------------------

  #serverNow(device = deviceNow()): number {
    return device + (this.#api?.offsetMs ?? 0);
  }

  /** Once a second (the countdowns' shared ticker): warnings, and a re-render when it matters. */
  #onTick(device: number): void {
    if (!this.token || !this.items.length) return;
    const now = this.#serverNow(device);
    this.#check(now);
    // Re-render when a report turns overdue (moves group) or a minute passed (ages).
    if (now >= this.#nextOverdueAt || Math.floor(now / 60_000) !== Math.floor(this.now / 60_000)) this.#setItems(this.items);
  }

  #warn(c: Crossing): void {
    const text = this.t(c.level === 15 ? 'adminQueue.warn.15' : 'adminQueue.warn.60', { trackingId: c.trackingId, title: c.title });
    // The last 15 minutes interrupt (role="alert"); the 60-minute mark waits its turn.
    if (c.level === 15) this.#alert(text);
    else this.#say(text);
    if (this.notifyOn) notify(this.t('adminQueue.notifyTitle'), text, `${c.trackingId}:${c.level}`);
    if (this.soundOn) beep(c.level === 15);
  }

  #say(text: string): void {
    this.politeText = '';
    requestAnimationFrame(() => (this.politeText = text));
  }

  #alert(text: string): void {
    this.alertText = '';
    requestAnimationFrame(() => (this.alertText = text));
  }

  async #toggleNotify(on: boolean): Promise<void> {
    this.notifyDenied = false;
    if (!on) {
      this.notifyOn = false;
      return;
    }
    const granted = await enableNotifications();
    this.notifyOn = granted;
    this.notifyDenied = !granted;
  }

  // ---- keyboard ---------------------------------------------------------------------

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0] as HTMLElement;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
    if (event.key === 'Escape' && this.detail && !this.detail.busy) {
      event.preventDefault();
      if (this.detail.form) this.#detailCancel();
      else void this.#closeDetail();
      return;
    }
    if (typing || this.detail || this.view !== 'queue' || !this.token) return;
    if (event.key === '/') {
      event.preventDefault();
      this.shadowRoot?.querySelector<HTMLInputElement>('#search')?.focus();
    } else if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      void this.#move(event.key === 'j' ? 1 : -1);
    }
  };

  async #move(step: 1 | -1): Promise<void> {
    const buttons = [...(this.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.open') ?? [])];
    const current = buttons.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    let index = current < 0 ? (step > 0 ? 0 : buttons.length - 1) : current + step;
    const pages = Math.ceil(this.#filtered().length / PAGE_SIZE);
    if (index >= buttons.length && this.page + 1 < pages) {
      this.page++;
      index = 0;
    } else if (index < 0 && this.page > 0) {
      this.page--;
      index = PAGE_SIZE - 1;
    }
    await this.updateComplete;
    const now = [...(this.shadowRoot?.querySelectorAll<HTMLButtonElement>('button.open') ?? [])];
    now[Math.max(0, Math.min(index, now.length - 1))]?.focus();
  }

  // ---- detail and actions -----------------------------------------------------------

  async #open(trackingId: string): Promise<void> {
    if (!this.token) return;
    this.detail = {
      trackingId,
      report: undefined,
      loading: true,
      loadError: undefined,
      form: undefined,
      busy: undefined,
      notice: undefined,
      query: '',
      institutionId: '',
      text: '',
      fieldError: undefined,
    };
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('#detail-heading')?.focus();
    try {
      const report = await (await this.#apiFor(this.token)).report(trackingId);
      if (this.detail?.trackingId === trackingId) this.detail = { ...this.detail, report, loading: false };
    } catch (error) {
      if (error instanceof LaporHttpError && error.status === 401) return this.#signOut(true);
      if (this.detail?.trackingId === trackingId) {
        const gone = error instanceof LaporHttpError && (error.status === 403 || error.status === 404);
        this.detail = { ...this.detail, loading: false, loadError: gone ? this.t('adminQueue.gone') : `${this.t('adminQueue.detail.failed')} ${(error as Error).message}` };
      }
    }
  }

  async #closeDetail(): Promise<void> {
    const id = this.detail?.trackingId;
    this.detail = undefined;
    await this.updateComplete;
    const row = id ? this.shadowRoot?.querySelector<HTMLButtonElement>(`button.open[data-id="${id}"]`) : null;
    (row ?? this.shadowRoot?.querySelector<HTMLElement>('#queue-heading'))?.focus();
  }

  async #detailAct(action: AdminAction): Promise<void> {
    const d = this.detail;
    if (!d?.report || d.busy) return;
    if (!NEEDS_FORM.has(action)) return this.#perform(action, { action } as TransitionInput);
    this.detail = { ...d, form: action, query: '', institutionId: '', text: '', fieldError: undefined, notice: undefined };
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.action-form input, .action-form textarea')?.focus();
  }

  #detailCancel(): void {
    const form = this.detail?.form;
    if (!this.detail) return;
    this.detail = { ...this.detail, form: undefined, fieldError: undefined };
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`button[data-action="${form}"]`)?.focus());
  }

  #detailSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const d = this.detail;
    if (!d?.form) return;
    const outcome = formInput(d.form, d);
    if (!outcome) return;
    if (outcome.ok) return void this.#perform(d.form, outcome.input);
    this.detail = { ...d, fieldError: this.t(outcome.error) };
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`#${outcome.field}`)?.focus());
  }

  async #perform(action: AdminAction, input: TransitionInput): Promise<void> {
    const d = this.detail;
    const token = this.token;
    if (!d?.report || !token) return;
    const id = d.trackingId;
    this.detail = { ...d, busy: action, notice: undefined, fieldError: undefined };
    try {
      const report = await (await this.#apiFor(token)).transition(id, input);
      this.#mine.add(id);
      saveMine(this.effectiveApi!, this.#mine);
      this.#setItems(upsert(this.items, report, this.#scope));
      const text = this.t('adminQueue.done', { trackingId: id, status: this.t(`status.${report.status}`) });
      if (this.detail?.trackingId === id) this.detail = { ...this.detail, report, busy: undefined, form: undefined, notice: { kind: 'done', text } };
      this.#say(text);
      this.emit('lapor-admin-action', { trackingId: id, action });
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('#detail-heading')?.focus();
    } catch (error) {
      await this.#actionFailed(id, error);
    }
  }

  async #actionFailed(id: string, error: unknown): Promise<void> {
    const d = this.detail;
    if (!d || d.trackingId !== id) return;
    if (error instanceof LaporHttpError && error.status === 401) return this.#signOut(true);
    if (error instanceof LaporHttpError && error.status === 409) {
      // A colleague moved it first: show where it is now and offer only what is legal there.
      let report = d.report;
      try {
        report = await (await this.#apiFor(this.token!)).report(id);
        this.#setItems(upsert(this.items, report, this.#scope));
      } catch {
        /* keep what we had; the stream will bring the rest */
      }
      const status = this.t(`status.${(report?.status ?? d.report!.status) as ReportStatus}`);
      this.detail = { ...d, report, busy: undefined, form: undefined, notice: { kind: 'error', text: this.t('adminQueue.conflict', { status }) } };
    } else if (error instanceof LaporHttpError && (error.status === 403 || error.status === 404)) {
      this.#setItems(this.items.filter((i) => i.report.trackingId !== id));
      this.detail = { ...d, busy: undefined, form: undefined, notice: { kind: 'error', text: this.t('adminQueue.gone') } };
    } else if (error instanceof LaporValidationError) {
      this.detail = { ...d, busy: undefined, fieldError: error.fields?.[0]?.message ?? error.message };
    } else {
      this.detail = { ...d, busy: undefined, notice: { kind: 'error', text: this.t('adminQueue.actionFailed', { message: (error as Error).message }) } };
    }
  }

  // ---- compliance -------------------------------------------------------------------

  #showView(view: 'queue' | 'compliance'): void {
    this.view = view;
    if (view === 'compliance' && !this.compliance.from) {
      const now = this.#serverNow();
      this.compliance = { ...this.compliance, from: dateInput(now - 6 * DAY), to: dateInput(now) };
      void this.#loadCompliance();
    }
  }

  async #loadCompliance(): Promise<void> {
    const { from, to } = this.compliance;
    const token = this.token;
    if (!token) return;
    if (!from || !to || to < from) {
      this.compliance = { ...this.compliance, error: this.t('adminQueue.compliance.badRange') };
      return;
    }
    this.compliance = { ...this.compliance, loading: true, error: undefined };
    try {
      const data = await (await this.#apiFor(token)).compliance(startOfDayWib(from), startOfDayWib(to, 1));
      this.compliance = { ...this.compliance, loading: false, data };
    } catch (error) {
      if (error instanceof LaporHttpError && error.status === 401) return this.#signOut(true);
      this.compliance = { ...this.compliance, loading: false, error: `${this.t('adminQueue.compliance.failed')} ${(error as Error).message}` };
    }
  }

  // ---- render -----------------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`<div class="console" @keydown=${this.#onKeydown}>
      ${!this.effectiveApi
        ? html`<p class="notice error" role="alert">${this.t('adminQueue.noApi')}</p>`
        : this.token
          ? this.#renderConsole()
          : renderSignIn(this.t.bind(this), this.signIn, (e) => void this.#submitSignIn(e))}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.politeText}</div>
      <div class="visually-hidden" role="alert" aria-atomic="true">${this.alertText}</div>
    </div>`;
  }

  #renderConsole(): TemplateResult {
    return html`<header class="topbar">
        <h2 id="queue-heading" tabindex="-1">${this.t('adminQueue.heading')}</h2>
        ${this.connection ? html`<p class="connection ${this.connection}">${this.t(`adminQueue.connection.${this.connection}`)}</p>` : nothing}
        <button type="button" class="secondary" @click=${() => this.#signOut()}>${this.t('adminQueue.signOut')}</button>
      </header>
      <nav class="views" aria-label=${this.t('adminQueue.tabs')}>
        ${(['queue', 'compliance'] as const).map(
          (v) => html`<button type="button" class="tab" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => this.#showView(v)}>
            ${this.t(`adminQueue.tab.${v}`)}
          </button>`,
        )}
      </nav>
      ${this.#renderWarnings()}
      ${this.view === 'compliance'
        ? renderCompliance(this.compliance, this.t.bind(this), this.locale, {
            input: (field, value) => (this.compliance = { ...this.compliance, [field]: value }),
            submit: (e) => {
              e.preventDefault();
              void this.#loadCompliance();
            },
          })
        : this.detail
          ? renderDetail(
              this.detail,
              {
                t: this.t.bind(this),
                locale: this.locale,
                serverOffset: this.#api?.offsetMs ?? 0,
                now: () => this.#serverNow(),
                institutions: this.institutions,
                categoryName: this.#categoryName,
              },
              {
                back: () => void this.#closeDetail(),
                act: (a) => void this.#detailAct(a),
                submit: (e) => this.#detailSubmit(e),
                cancel: () => this.#detailCancel(),
                input: (field, value) => (this.detail = { ...this.detail!, [field]: value, fieldError: undefined }),
              },
            )
          : this.#renderQueue()}`;
  }

  #renderWarnings(): TemplateResult | typeof nothing {
    if (!this.loaded) return nothing;
    const now = this.now || this.#serverNow();
    const ctx = { t: this.t.bind(this), locale: this.locale, serverOffset: this.#api?.offsetMs ?? 0, now: () => this.#serverNow() };
    return renderWarnings(ctx.t, WarningTracker.soonList(this.items, now), now, (clock) => renderCountdown(clock, ctx, true), (id) => void this.#open(id));
  }

  #renderQueue(): TemplateResult {
    if (!this.loaded) {
      return this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : html`<p role="status">${this.t('adminQueue.loading')}</p>`;
    }
    const now = this.now || this.#serverNow();
    const filtered = this.#filtered();
    const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
    const page = Math.min(this.page, pages - 1);
    const slice = filtered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const overdue = this.items.filter((i) => isOverdue(i, now)).length;
    const f = this.filter;
    return html`
      ${this.loadError ? html`<p class="notice error" role="alert">${this.loadError}</p>` : nothing}
      <p class="summary">${this.t('adminQueue.summary', { n: this.items.length })}</p>
      ${overdue
        ? html`<div class="overdue-banner" part="overdue-banner">
            <p><span class="mark" aria-hidden="true">!</span><strong>${this.t('adminQueue.overdueBanner', { n: overdue })}</strong></p>
            ${f.overdue ? nothing : html`<button type="button" @click=${() => this.#setFilter({ overdue: true })}>${this.t('adminQueue.overdueShow')}</button>`}
          </div>`
        : nothing}
      ${renderAlertSwitches(
        this.t.bind(this),
        { notify: this.notifyOn, sound: this.soundOn, denied: this.notifyDenied },
        { notify: (on) => void this.#toggleNotify(on), sound: (on) => (this.soundOn = on) },
      )}
      ${renderFilters(this.t.bind(this), f, (patch) => this.#setFilter(patch))}
      ${!this.items.length
        ? html`<p class="empty">${this.t('adminQueue.empty')}</p>`
        : !filtered.length
          ? html`<p class="empty">${this.t('adminQueue.noMatch')}</p>`
          : renderPage(slice, {
              t: this.t.bind(this),
              locale: this.locale,
              now,
              serverOffset: this.#api?.offsetMs ?? 0,
              serverNow: () => this.#serverNow(),
              categoryName: this.#categoryName,
              onOpen: (id) => void this.#open(id),
            })}
      ${pages > 1
        ? html`<nav class="pages" aria-label=${this.t('adminQueue.pagination')}>
            <button type="button" class="secondary" ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>${this.t('adminQueue.prev')}</button>
            <span>${this.t('adminQueue.page', { page: page + 1, pages })}</span>
            <button type="button" class="secondary" ?disabled=${page + 1 >= pages} @click=${() => (this.page = page + 1)}>${this.t('adminQueue.next')}</button>
          </nav>`
        : nothing}
    `;
  }
}
