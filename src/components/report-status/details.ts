/**
 * The parts of a report view below the stepper: SLA clocks, agency responses, the
 * timeline and the LAPOR! upstream line. Everything user- or agency-written is bound as
 * text (never `unsafeHTML`); line breaks survive through `white-space: pre-wrap`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Clock, Report, SlaCalendar, TimelineEntry } from '../../contract/index.js';
import type { Translate } from '../../i18n/catalog.js';
import '../../i18n/register/report-view.js';
import { formatInstant, reportTimeZone } from './time-format.js';
import '../../i18n/register/deadline-promise.js';

export interface DetailContext {
  t: Translate;
  locale: string;
  /** Gateway clock minus device clock (ms). */
  serverOffset: number;
  now: () => number;
  /** The gateway's working calendar, once `GET /v1/config` has answered. */
  calendar?: SlaCalendar;
}

/** A time in the institution's zone, with its zone name (WIB/WITA/WIT). */
export function when(iso: string | number, report: Report | undefined, ctx: DetailContext): string {
  const zone = reportTimeZone(report);
  return `${formatInstant(iso, ctx.locale, zone)} ${ctx.t(`reportStatus.zone.${zone}`)}`;
}

/** The running clock with the nearest deadline, if any. */
export function mostUrgentClock(clocks: readonly Clock[]): Clock | undefined {
  let best: Clock | undefined;
  for (const c of clocks) {
    if (c.state === 'running' && (!best || Date.parse(c.dueAt) < Date.parse(best.dueAt))) best = c;
  }
  return best;
}

/**
 * A clock's `<lapor-sla-countdown>`. `quiet`: it announces no threshold of its own (the
 * admin console announces each crossing once, itself).
 */
export function renderCountdown(clock: Clock, ctx: DetailContext, quiet = false): TemplateResult {
  return html`<lapor-sla-countdown
    ?quiet=${quiet}
    part="countdown"
    due=${clock.dueAt}
    started=${clock.startedAt}
    stopped=${clock.stoppedAt ?? ''}
    state=${clock.state}
    server-offset=${String(ctx.serverOffset)}
    clock-id=${clock.id}
    time-zone=${clock.timeZone}
    unit=${clock.limit.unit}
    .serviceHours=${clock.serviceHours}
    .calendar=${ctx.calendar}
    lang=${ctx.locale}
    .now=${ctx.now}
  ></lapor-sla-countdown>`;
}

/**
 * Every clock but the one the view leads with (`lead`, see promise.ts), each named by the
 * step of the stepper it waits for. A met clock says "Tepat waktu" and when: a countdown's
 * "Selesai tepat waktu" beside a stepper not at "Selesai" read as a contradiction.
 */
export function renderClocks(report: Report, ctx: DetailContext, lead?: Clock): TemplateResult | typeof nothing {
  const clocks = report.clocks.filter((c) => c !== lead);
  if (clocks.length === 0) return nothing;
  const { t } = ctx;
  return html`
    <section class="clocks" aria-labelledby="clocks-heading">
      <h3 id="clocks-heading">${t(lead ? 'promise.otherClocks' : 'reportStatus.clocks')}</h3>
      <ul class="clock-list">
        ${clocks.map(
          (c) => html`<li>
            <span class="clock-name">${t(`reportStatus.clock.${c.id}`)}</span>
            ${c.state === 'met' && c.stoppedAt
              ? html`<span class="met-at">${t('promise.clock.met', { time: when(c.stoppedAt, report, ctx) })}</span>`
              : renderCountdown(c, ctx)}
          </li>`,
        )}
      </ul>
    </section>
  `;
}

export function renderResponses(report: Report, ctx: DetailContext): TemplateResult | typeof nothing {
  if (report.responses.length === 0) return nothing;
  const { t } = ctx;
  return html`
    <section class="responses" aria-labelledby="responses-heading">
      <h3 id="responses-heading">${t('reportStatus.responses')}</h3>
      <ol class="plain">
        ${report.responses.map(
          (r) => html`<li class="response ${r.author}" part="response" id="response-${r.id}" tabindex="-1">
            <p class="response-meta">
              <strong
                >${r.author === 'citizen'
                  ? t('reportStatus.response.citizen')
                  : r.institutionName
                    ? t('reportStatus.response.agency', { institution: r.institutionName })
                    : t('reportStatus.response.agencyUnknown')}</strong
              >
              · <time datetime=${r.at}>${when(r.at, report, ctx)}</time>
            </p>
            <p class="message">${r.message}</p>
          </li>`,
        )}
      </ol>
    </section>
  `;
}

function timelineText(entry: TimelineEntry, t: Translate): string {
  switch (entry.type) {
    case 'status':
      return entry.status ? t(`status.${entry.status}`) : t('reportStatus.event.updated');
    case 'response':
      return t('reportStatus.event.response');
    case 'reply':
      return t('reportStatus.event.reply');
    case 'rating':
      return t('reportStatus.event.rating');
    case 'upstream':
      return t('reportStatus.event.upstream');
    case 'sla':
      return t('reportStatus.event.sla');
  }
}

/** An entry only the admin's timeline has (an escalation step, issue 28): when, and what happened. */
export interface ExtraTimelineEntry {
  at: string;
  text: string;
  institutionName?: string | null;
  note?: string | null;
}

export function renderTimeline(report: Report, ctx: DetailContext, extra: readonly ExtraTimelineEntry[] = []): TemplateResult {
  const { t } = ctx;
  const entries: ExtraTimelineEntry[] = [...report.timeline.map((e) => ({ ...e, text: timelineText(e, t) })), ...extra].sort(
    (a, b) => Date.parse(b.at) - Date.parse(a.at),
  );
  return html`
    <section class="timeline" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">${t('reportStatus.timeline')}</h3>
      <ol class="plain" part="timeline">
        ${entries.map(
          (e) => html`<li>
            <time datetime=${e.at}>${when(e.at, report, ctx)}</time>
            <span class="what">${e.text}</span>
            ${e.institutionName ? html`<span class="who">${e.institutionName}</span>` : nothing}
            ${e.note ? html`<span class="note">${e.note}</span>` : nothing}
          </li>`,
        )}
      </ol>
    </section>
  `;
}

export function renderUpstream(report: Report, t: Translate): TemplateResult {
  const { state } = report.upstream;
  const laporId = report.upstream.laporId ?? report.laporId;
  const text =
    state === 'synced' && laporId
      ? t('reportStatus.upstream.syncedWithId', { laporId })
      : t(`reportStatus.upstream.${state}`);
  return html`<p class="upstream ${state}" part="upstream">${text}</p>`;
}
