/**
 * The report itself as `<lapor-report-status>` shows it: the lead sentence with its
 * countdown, the stepper, every clock, the responses, the reply and rating forms, the
 * LAPOR! line and the timeline, with the styles only they use.
 *
 * It arrives in a chunk of its own, requested as soon as there is a report to follow,
 * beside the request for the report: nothing of it can show before the report is in, so
 * loading it then costs no wait, and a page (or an app importing `lapor-widget/define`)
 * that shows only the lookup never downloads it. The countdown element registers with it.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Report, ReportStatus } from '../../contract/index.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import type { Translate } from '../../i18n/catalog.js';
import '../../i18n/register/report-view.js';
import type { LaporClient, WatchConnectionState } from '../../sdk/types.js';
import { addLateStyles } from '../shared/late-styles.js';
import { renderClocks, renderCountdown, renderResponses, renderTimeline, renderUpstream, when, type DetailContext } from './details.js';
import { FollowUpController, type FollowUpContext } from './follow-up.js';
import { MinuteRefresh, promiseWords, renderPromise } from './promise.js';
import { reportViewStyles } from './report-view.styles.js';
import { ServedCalendars } from './served-calendar.js';
import { renderStepper } from './stepper.js';
import '../sla-countdown/sla-countdown.js';

/** What the view reads from its element at each render. */
export interface ReportViewState {
  t: Translate;
  locale: string;
  client: LaporClient | undefined;
  trackingId: string;
  accessToken: string;
  /** The gateway's clock, read at each call. */
  now: () => number;
  /** The step that just changed (it flashes once). */
  highlight: ReportStatus | undefined;
  tracker: {
    phase: string;
    connection: WatchConnectionState | undefined;
    online: boolean;
    lastSyncedAt: number | undefined;
  };
  /** The element's own "could not load" notice with its retry button. */
  loadError: () => TemplateResult;
}

export interface ReportViewHooks {
  /** A reply or rating was accepted: the report as the gateway now has it. */
  accepted: (report: Report, kind: 'reply' | 'rating') => void;
  /** The report moved on under a reply or rating (409): load it again. */
  conflict: () => void;
  /** The gateway's clock, for the minute the lead sentence counts in. */
  now: () => number;
}

export class ReportView {
  readonly #followUp: FollowUpController;
  readonly #calendars: ServedCalendars;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    hooks: ReportViewHooks,
  ) {
    this.#followUp = new FollowUpController(host, hooks.accepted, hooks.conflict);
    // The lead sentence says minutes left: re-rendered when the minute changes.
    new MinuteRefresh(host, hooks.now);
    this.#calendars = new ServedCalendars(() => host.requestUpdate());
  }

  render(report: Report, s: ReportViewState): TemplateResult {
    addLateStyles(this.host.shadowRoot, reportViewStyles);
    const { t, locale, client } = s;
    const ctx: DetailContext = {
      t,
      locale,
      serverOffset: client?.clockOffsetMs ?? 0,
      now: s.now,
      calendar: this.#calendars.get(client, report.clocks),
    };
    const followCtx: FollowUpContext = {
      t,
      locale,
      client,
      trackingId: s.trackingId,
      accessToken: s.accessToken,
      now: ctx.now(),
      formatTime: (iso) => when(iso, report, ctx),
    };
    const institution = report.institution?.name;
    const promise = promiseWords(report, { t, locale, now: ctx.now() });
    return html`
      <article class="report" part="report" aria-labelledby="title">
        <header>
          <p class="eyebrow">${t(`classification.${report.classification}`)} · ${formatTrackingId(report.trackingId)}</p>
          <h2 id="title" tabindex="-1">${report.title}</h2>
          <p class="institution">
            ${institution ? t('reportStatus.institution', { institution }) : t('reportStatus.institutionPending')}
          </p>
          ${this.#renderConnection(report, ctx, s)}
        </header>
        ${s.tracker.phase === 'error' ? s.loadError() : nothing}
        ${renderPromise(promise, (clock) => renderCountdown(clock, ctx))}
        <section aria-labelledby="status-heading">
          <h3 id="status-heading">${t('reportStatus.statusHeading')}: <span class="current">${t(`status.${report.status}`)}</span></h3>
          ${renderStepper(report, t, s.highlight)}
        </section>
        ${renderClocks(report, ctx, promise?.clock)} ${renderResponses(report, ctx)} ${this.#followUp.renderReply(report, followCtx)}
        ${this.#followUp.renderRating(report, followCtx)} ${renderUpstream(report, t)} ${renderTimeline(report, ctx)}
      </article>
    `;
  }

  #renderConnection(report: Report, ctx: DetailContext, s: ReportViewState): TemplateResult | typeof nothing {
    const { connection, online, phase, lastSyncedAt } = s.tracker;
    const state = !online ? 'offline' : connection;
    const stale = state !== 'live' || phase === 'error' || phase === 'loading';
    if (!state && !stale) return nothing;
    return html`<p class="connection ${state ?? 'static'}" part="connection">
      ${state ? html`<span class="dot" aria-hidden="true"></span><span>${s.t(`reportStatus.connection.${state}`)}</span>` : nothing}
      ${stale && lastSyncedAt !== undefined
        ? html`<span class="last-updated">${s.t('reportStatus.lastUpdated', { time: when(lastSyncedAt, report, ctx) })}</span>`
        : nothing}
    </p>`;
  }
}
