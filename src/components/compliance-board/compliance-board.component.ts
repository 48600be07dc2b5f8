import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicCompliance, PublicComplianceGroup, PublicComplianceUnit } from '../../contract/compliance.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { formatServiceHours } from '../../sla/format.js';
import { formatDate, formatDuration, formatPercent } from '../admin-queue/format.js';
import { LaporElement } from '../shared/lapor-element.js';
import { normalizePeriod, resolvePeriod } from './period.js';
import { DEFAULT_SORT, nextSort, sortRows, type SortColumn, type SortState } from './sort.js';
import { styles } from './compliance-board.styles.js';
import '../../i18n/register/compliance-board.js';

/** The regency's zone: periods are its whole days (the gateway answers in the same). */
const REGENCY_ZONE = 'Asia/Jakarta';
/** Figures are fetched again this often while the page is shown (overdue counts move). */
const REFRESH_MS = 5 * 60_000;

type Table = 'units' | 'groups';
const COLUMNS: readonly SortColumn[] = ['rank', 'name', 'received', 'within', 'median', 'overdue'];
const NUMERIC = new Set<SortColumn>(['rank', 'received', 'within', 'median', 'overdue']);

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
  @state() private loading = false;
  @state() private failed: string | undefined;
  @state() private sort: Record<Table, SortState> = { units: DEFAULT_SORT, groups: DEFAULT_SORT };
  @state() private announcement = '';

  #requested = '';
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Resolves once the figures for the current attributes have arrived (or failed). */
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
    super.willUpdate(changed); // resolves `locale` (and with it the client) first
    // Before render: "loading" shows in this same update, not in one more.
    void this.#load(false);
  }

  /** The days to ask for, by the gateway's clock (the SDK corrects the device's). */
  #range(now: number): { from: string; to: string } {
    return resolvePeriod(normalizePeriod(this.period), now, REGENCY_ZONE);
  }

  /** Fetch when what the board shows would change (or on the periodic refresh). */
  #load(refresh: boolean): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    const range = this.#range(client.serverNow());
    const key = `${client.api}|${client.siteKey ?? ''}|${range.from}|${range.to}|${this.institution}`;
    if (!refresh && key === this.#requested) return this.#loading ?? Promise.resolve();
    this.#requested = key;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (!this.data) this.loading = true;
    const job = (async () => {
      try {
        const data = await client.getCompliance({ ...range, ...(this.institution ? { institution: this.institution } : {}) }, { signal: abort.signal });
        if (abort.signal.aborted) return;
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
      } finally {
        if (!abort.signal.aborted) this.loading = false;
      }
    })();
    this.#loading = job;
    return job;
  }

  #retry(): void {
    this.#requested = '';
    this.loading = true;
    void this.#load(false);
  }

  #sortBy(table: Table, column: SortColumn): void {
    const next = nextSort(this.sort[table], column);
    this.sort = { ...this.sort, [table]: next };
    this.announcement = this.t(`complianceBoard.sorted.${next.direction}`, { column: this.#columnLabel(table, column) });
  }

  #columnLabel(table: Table, column: SortColumn): string {
    if (column === 'name') return this.t(table === 'units' ? 'complianceBoard.col.unit' : 'complianceBoard.col.group');
    return this.t(`complianceBoard.col.${column}` as MessageKey);
  }

  protected override render() {
    const data = this.data;
    return html`<section class="board" aria-labelledby="board-heading" aria-busy=${this.loading ? 'true' : 'false'}>
      <h2 id="board-heading" part="heading">${this.t('complianceBoard.heading')}</h2>
      <p class="intro">${this.t('complianceBoard.intro')}</p>
      ${data ? html`<p class="period" part="period">${this.#periodLine(data)}</p>` : nothing}
      ${!this.effectiveApi
        ? html`<p class="error" part="error" role="alert">${this.t('complianceBoard.noApi')}</p>`
        : this.failed && !data
          ? html`<div class="error" part="error" role="alert">
              <p>${this.t('complianceBoard.failed')} ${this.failed}</p>
              <button type="button" part="button" @click=${() => this.#retry()}>${this.t('common.retry')}</button>
            </div>`
          : this.loading && !data
            ? html`<p role="status">${this.t('complianceBoard.loading')}</p>`
            : data
              ? this.#figures(data)
              : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  #periodLine(data: PublicCompliance): string {
    const locale = this.locale;
    const day = (date: string) => formatDate(Date.parse(`${date}T12:00:00Z`), locale, 'UTC');
    const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { timeZone: data.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(data.serverTime));
    const period = normalizePeriod(this.period);
    const named = period === '7d' || period === '30d' || period === 'month' ? `${this.t(`complianceBoard.period.${period}`)} · ` : '';
    return `${named}${this.t('complianceBoard.period', { from: day(data.from), to: day(data.to) })} · ${this.t('complianceBoard.updated', { time })}`;
  }

  #figures(data: PublicCompliance): TemplateResult {
    if (!data.units.length && !data.groups.length) return html`<p class="empty">${this.t('complianceBoard.empty')}</p>`;
    const locale = this.locale;
    const day = (date: string) => formatDate(Date.parse(`${date}T12:00:00Z`), locale, 'UTC');
    const range = { from: day(data.from), to: day(data.to) };
    const unitName = (u: PublicComplianceUnit) => u.name;
    const groupName = (g: PublicComplianceGroup) => this.t(`complianceBoard.group.${g.kind}`, { name: g.name });
    const units = sortRows(data.units, this.sort.units, unitName, locale);
    const groups = sortRows(data.groups, this.sort.groups, groupName, locale);
    return html`
      <p class="hint">${this.t('complianceBoard.sortHint')}</p>
      ${units.length
        ? html`<h3>${this.t('complianceBoard.units')}</h3>
            ${this.#table('units', this.t('complianceBoard.caption.units', range), units, (u) => this.#unitHeader(u, data))}
            ${this.#chart(units)}`
        : nothing}
      ${groups.length
        ? html`<h3>${this.t('complianceBoard.groups')}</h3>
            ${this.#table('groups', this.t('complianceBoard.caption.groups', range), groups, (g) => html`${groupName(g)}
              <span class="sub">${this.t('complianceBoard.members', { n: g.institutionIds.length })}</span>`)}`
        : nothing}
      <ul class="notes" part="note">
        <li>${this.t('complianceBoard.note.rank', { n: data.minReportsToRank })}</li>
        <li>${this.t('complianceBoard.note.within')}</li>
        <li>${this.t('complianceBoard.note.privacy')}</li>
      </ul>
    `;
  }

  #unitHeader(u: PublicComplianceUnit, data: PublicCompliance): TemplateResult {
    const locale = this.locale === 'en' ? 'en-GB' : 'id-ID';
    const limit = u.serviceHours
      ? this.t('complianceBoard.limitService', { n: u.limitHours, hours: formatServiceHours(u.serviceHours, data.timeZone, locale) })
      : this.t('complianceBoard.limit', { n: u.limitHours });
    return html`${u.name} <span class="sub">${limit}</span>`;
  }

  #table<T extends PublicComplianceUnit | PublicComplianceGroup>(table: Table, caption: string, rows: readonly T[], header: (row: T) => TemplateResult): TemplateResult {
    const sort = this.sort[table];
    const locale = this.locale;
    const t = this.t.bind(this);
    return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
      <table part="table" data-table=${table}>
        <caption>${caption}</caption>
        <thead>
          <tr>
            ${COLUMNS.map(
              (column) => html`<th
                scope="col"
                class=${NUMERIC.has(column) ? 'num' : ''}
                aria-sort=${sort.column === column ? sort.direction : 'none'}
              >
                <button type="button" part="sort-button" data-column=${column} @click=${() => this.#sortBy(table, column)}>
                  ${this.#columnLabel(table, column)}<span class="arrow" aria-hidden="true">${sort.column === column ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
                </button>
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr data-id=${'institutionId' in row ? row.institutionId : row.id}>
              <td class="num">${row.rank ?? html`<span class="unranked" part="unranked">${t('complianceBoard.unranked')}</span>`}</td>
              <th scope="row">${header(row)}</th>
              <td class="num">${row.received}</td>
              <td class="num">
                ${row.shareWithinLimit === null
                  ? t('complianceBoard.none')
                  : t('complianceBoard.share', { percent: formatPercent(row.shareWithinLimit, locale), within: row.withinLimit, judged: row.handled + row.openLate })}
              </td>
              <td class="num">${row.medianFirstHandlingMs === null ? t('complianceBoard.none') : formatDuration(row.medianFirstHandlingMs, t)}</td>
              <td class="num ${row.overdueNow ? 'late' : ''}">${row.overdueNow}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The "on time" column as bars, in the table's order; hidden from assistive tech (the table says it). */
  #chart(units: readonly PublicComplianceUnit[]): TemplateResult | typeof nothing {
    const rows = units.filter((u) => u.shareWithinLimit !== null);
    if (!rows.length) return nothing;
    return html`<figure class="chart" part="chart">
      <ul class="bars" aria-hidden="true">
        ${rows.map((u) => {
          const share = u.shareWithinLimit ?? 0;
          return html`<li class=${share >= 0.9 ? 'good' : share >= 0.6 ? 'fair' : 'poor'}>
            <span class="bar-name">${u.name}</span>
            <svg class="bar" part="bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
              ${svg`<rect class="track" x="0" y="0" width="100" height="10"></rect>
                <rect class="fill" x="0" y="0" width=${Math.max(0.5, share * 100)} height="10"></rect>`}
            </svg>
            <span class="bar-value">${formatPercent(share, this.locale)}</span>
          </li>`;
        })}
      </ul>
      <figcaption>${this.t('complianceBoard.chart')}</figcaption>
    </figure>`;
  }
}
