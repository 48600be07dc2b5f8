import { adoptStyles, html, isServer, nothing, type CSSResult, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicCompliance } from '../../contract/compliance.js';
import { LaporElement } from '../shared/lapor-element.js';
import { normalizePeriod, resolvePeriod } from './period.js';
import { DEFAULT_SORT, type SortColumn, type SortState } from './sort.js';
import { styles } from './compliance-board.styles.js';
import type { BoardApi } from './board-api.js';
import '../../i18n/register/compliance-board.js';

type View = typeof import('./board-view.js');
type Table = import('./board-view.js').Table;

/** The regency's zone: periods are its whole days (the gateway answers in the same). */
const REGENCY_ZONE = 'Asia/Jakarta';
/** Figures are fetched again this often while the page is shown (overdue counts move). */
const REFRESH_MS = 5 * 60_000;

/** The tables, chart and their strings: fetched with the first figures (see board-view.ts). */
let viewModule: Promise<View> | undefined;
const loadView = (): Promise<View> =>
  (viewModule ??= import('./board-view.js').catch((error: unknown) => {
    viewModule = undefined;
    throw error;
  }));

/**
 * The public board of the 4-hour SOP (`GET /v1/public/compliance`): for a period the host
 * chooses, per institution and per kecamatan / puskesmas group, how many complaints came
 * in, the share taken up within the limit that applied to each (4 h; 2 h for a camat),
 * the median time to first handling, and how many are overdue now. Units with fewer than
 * five complaints are shown but not ranked, so one quick report cannot top the list.
 *
 * Each table is a real `<table>` (caption, column and row headers): screen readers read
 * it as a table. Column headers are buttons that sort it; the header carries `aria-sort`
 * and a polite message says how it is now ordered. A bar chart repeats the "on time"
 * column for the eye; it is hidden from assistive tech, since the table already says it.
 * Prints as a clean page (no buttons, bars kept). Counts only: no report, text or reporter.
 *
 * @csspart heading - The board's title.
 * @csspart period - The period line.
 * @csspart table - Each table (units, groups).
 * @csspart sort-button - The button in each column header.
 * @csspart unranked - "Tidak diperingkat" in the rank column.
 * @csspart chart - The bar chart (a `<figure>`).
 * @csspart bar - Each bar of the chart.
 * @csspart note - The notes under the tables (ranking rule, what "on time" means, privacy).
 * @csspart error - The message when the figures cannot be loaded.
 * @csspart button - The retry button.
 * @cssproperty --lapor-color-success - Bars at 90 % or more on time.
 * @cssproperty --lapor-color-warning - Bars from 60 % to 90 %.
 * @cssproperty --lapor-color-danger - Bars under 60 %, and overdue counts.
 */
export class LaporComplianceBoard extends LaporElement {
  static override styles = styles;

  /** `7d`, `30d` (default), `month` (this month so far) or a month `YYYY-MM`. */
  @property() period = '30d';

  /** One institution id: only its row (and its kecamatan / puskesmas group). */
  @property() institution = '';

  @state() private data: PublicCompliance | undefined;
  @state() private failed: string | undefined;
  @state() private sort: Record<Table, SortState> = { units: DEFAULT_SORT, groups: DEFAULT_SORT };
  @state() private announcement = '';

  #requested = '';
  #api: { key: string; api: Promise<BoardApi> } | undefined;
  #view: View | undefined;
  /** Gateway clock minus device clock, from this board's last answer. */
  #offset: number | undefined;
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Resolves once the figures for the current attributes have arrived (or failed): for tests. @internal */
  get ready(): Promise<void> {
    return this.#loading ?? Promise.resolve();
  }
  #loading: Promise<void> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.#load(true);
    }, REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#abort?.abort();
    this.#requested = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed); // resolves `locale` first
    // A server render shows "loading" and leaves the fetch to the browser.
    if (!isServer) void this.#load(false);
  }

  /** The days to ask for, by the gateway's clock (the SDK corrects the device's). */
  #range(now: number): { from: string; to: string } {
    return resolvePeriod(normalizePeriod(this.period), now, REGENCY_ZONE);
  }

  /**
   * The HTTP layer and the schema, loaded with the first request (ky and zod are not part
   * of this element's eager code); one per gateway, site key and language.
   */
  #apiFor(api: string, siteKey: string | undefined): Promise<BoardApi> {
    const key = `${api}\u0000${siteKey ?? ''}\u0000${this.locale}`;
    if (this.#api?.key !== key) {
      const loading = import('./board-api.js').then(({ createBoardApi }) => createBoardApi({ api, siteKey, lang: this.locale }));
      // A chunk lost on a bad connection: the next request imports again.
      loading.catch(() => this.#api?.api === loading && (this.#api = undefined));
      this.#api = { key, api: loading };
    }
    return this.#api.api;
  }

  /** The gateway's clock as best known: this board's last answer, else the page's shared client. */
  #now(offset: number | undefined): number {
    return offset !== undefined ? Date.now() + offset : (this.client?.serverNow() ?? Date.now());
  }

  /** Fetch when what the board shows would change (or on the periodic refresh). */
  #load(refresh: boolean): Promise<void> {
    const api = this.effectiveApi;
    if (!api) return Promise.resolve();
    const siteKey = this.effectiveSiteKey;
    const range = this.#range(this.#now(this.#offset));
    const key = `${api}|${siteKey ?? ''}|${range.from}|${range.to}|${this.institution}`;
    if (!refresh && key === this.#requested) return this.#loading ?? Promise.resolve();
    this.#requested = key;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const job = (async () => {
      try {
        const [client, view] = await Promise.all([this.#apiFor(api, siteKey), loadView()]);
        const data = await client.compliance({ ...range, ...(this.institution ? { institution: this.institution } : {}) }, abort.signal);
        if (abort.signal.aborted) return;
        if (!this.#view) this.#adopt(view.viewStyles);
        this.#view = view;
        this.#offset = client.offsetMs;
        this.data = data;
        this.failed = undefined;
        // The device clock was wrong by enough to pick other days: ask again with the gateway's.
        const corrected = this.#range(Date.parse(data.serverTime));
        if (corrected.from !== range.from || corrected.to !== range.to) {
          this.#requested = '';
          void this.#load(false);
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        this.failed = (error as Error).message;
        // A retry (the button, the next refresh) asks again.
        this.#requested = '';
      }
    })();
    this.#loading = job;
    return job;
  }

  /** Add the tables' styles to this element's own (constructable sheets: no inline style, CSP-safe). */
  #adopt(sheets: readonly CSSResult[]): void {
    const root = this.renderRoot as ShadowRoot;
    const native = sheets.map((s) => s.styleSheet);
    if ('adoptedStyleSheets' in root && native.every(Boolean)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...(native as CSSStyleSheet[])];
    else adoptStyles(root, [...LaporComplianceBoard.elementStyles, ...sheets]);
  }

  #retry(): void {
    this.#requested = '';
    this.failed = undefined;
    void this.#load(false);
  }

  #sortBy(table: Table, column: SortColumn): void {
    const view = this.#view;
    if (!view) return;
    const next = view.nextSort(this.sort[table], column);
    this.sort = { ...this.sort, [table]: next };
    this.announcement = view.sortAnnouncement(table, next, this.t.bind(this));
  }

  protected override render() {
    const view = this.#view;
    const data = view && this.data;
    const ctx = view && {
      t: this.t.bind(this),
      locale: this.locale,
      period: this.period,
      sort: this.sort,
      onSort: (table: Table, column: SortColumn) => this.#sortBy(table, column),
    };
    return html`<section class="board" aria-labelledby="board-heading">
      <h2 id="board-heading" part="heading">${this.t('complianceBoard.heading')}</h2>
      <p class="intro">${this.t('complianceBoard.intro')}</p>
      ${data && ctx ? html`<p class="period" part="period">${view.periodLine(data, ctx)}</p>` : nothing}
      ${!this.effectiveApi
        ? html`<p class="error" part="error" role="alert">${this.t('complianceBoard.noApi')}</p>`
        : this.failed && !data
          ? html`<div class="error" part="error" role="alert">
              <p>${this.t('complianceBoard.failed')} ${this.failed}</p>
              <button type="button" part="button" @click=${() => this.#retry()}>${this.t('common.retry')}</button>
            </div>`
          : data && ctx
            ? view.renderFigures(data, ctx)
            : html`<p role="status">${this.t('complianceBoard.loading')}</p>`}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

}
