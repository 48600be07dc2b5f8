/**
 * The sentence a report view leads with: the binding promise in plain words — who should
 * act, by when, and what the citizen can do once that time has passed. "Dinas Kesehatan
 * seharusnya mulai menangani laporan Anda paling lambat pukul 18.50 WIB — sudah terlambat
 * 1 jam 27 menit. Hubungi …".
 *
 * Which promise binds: a clock already past its deadline and still open outranks any
 * clock still running (the most overdue first); otherwise the running clock due soonest.
 * Each clock is said as the step of the status stepper it waits for (local.handle → "Sedang
 * ditangani", lapor.verify → "Diteruskan ke instansi", lapor.followup → "Ditanggapi",
 * lapor.close → "Selesai"), so the sentence never contradicts the stepper.
 *
 * What to do once it passes comes from data, never invented: the institution's public
 * contact from the gateway's reference data (`institution.contact`), and LAPOR!'s own
 * national channels (www.lapor.go.id, SMS 1708: SP4N-LAPOR!'s published complaint
 * channels, e.g. https://kpaii.kemenperin.go.id/en/sp4n-lapor), where any late public
 * service may be reported, with the report's number.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Clock } from '../../contract/sla.js';
import type { InstitutionContact } from '../../contract/reference.js';
import type { Report } from '../../contract/report.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import type { Translate } from '../../i18n/catalog.js';
import { dueWords } from '../shared/deadline-words.js';
import { spanFormatter } from '../sla-countdown/format.js';
import { subscribe } from '../sla-countdown/ticker.js';
import '../../i18n/register/deadline-promise.js';

const MINUTE = 60_000;

/** An open clock (not stopped) past its deadline, or marked breached by the gateway. */
export function isLate(clock: Clock, now: number): boolean {
  if (clock.stoppedAt) return false;
  return clock.state === 'breached' || (clock.state === 'running' && Date.parse(clock.dueAt) < now);
}

/** The clock whose promise leads the view: the most overdue open clock, else the running one due soonest. */
export function bindingClock(clocks: readonly Clock[], now: number): Clock | undefined {
  let late: Clock | undefined;
  let next: Clock | undefined;
  for (const c of clocks) {
    const due = Date.parse(c.dueAt);
    if (isLate(c, now)) {
      if (!late || due < Date.parse(late.dueAt)) late = c;
    } else if (c.state === 'running' && !c.stoppedAt && (!next || due < Date.parse(next.dueAt))) {
      next = c;
    }
  }
  return late ?? next;
}

/** "telepon (0333) 424000 atau WhatsApp 0811…": each published way, in a fixed order. */
function contactWords(t: Translate, contact: InstitutionContact | null | undefined): string {
  if (!contact) return '';
  const ways = (['phone', 'whatsapp', 'email', 'url'] as const)
    .filter((k) => contact[k]?.trim())
    .map((k) => t(`promise.contact.${k}`, { value: contact[k]!.trim() }));
  return ways.join(t('promise.contact.or'));
}

export interface PromiseContext {
  t: Translate;
  locale: string;
  /** Server time now (ms). */
  now: number;
}

export interface PromiseWords {
  clock: Clock;
  late: boolean;
  /** The sentence: who, what, by when, and how late or how long left. */
  lead: string;
  /** What to do if (or now that) it passes. */
  next: string;
}

/** The words, or undefined when no clock binds (completed, archived, every clock met). */
export function promiseWords(report: Report, ctx: PromiseContext): PromiseWords | undefined {
  const { t, now } = ctx;
  const clock = bindingClock(report.clocks, now);
  if (!clock) {
    // On hold: nothing runs; say why the time stands still, beside the paused clock.
    const paused = report.status === 'on_hold' ? report.clocks.find((c) => c.state === 'paused') : undefined;
    return paused ? { clock: paused, late: false, lead: t('promise.paused'), next: '' } : undefined;
  }
  const late = isLate(clock, now);
  const institution = report.institution;
  const who = institution?.name ?? t('promise.who.officers');
  const words = spanFormatter(ctx.locale);
  const left = Date.parse(clock.dueAt) - now;
  // Minutes are enough in a sentence (the countdown beside it has the seconds).
  const span = words.span(Math.abs(left) < MINUTE ? left : Math.trunc(left / MINUTE) * MINUTE, MINUTE);
  const lead = t(late ? 'promise.late' : 'promise.running', {
    who,
    action: t(`promise.action.${clock.id}`),
    due: dueWords(t, clock, now, ctx.locale),
    ...(late ? { late: span } : { left: span }),
  });
  const contact = contactWords(t, institution?.contact);
  const laporId = report.upstream.laporId ?? report.laporId;
  const number = laporId ? t('promise.number.lapor', { id: laporId }) : formatTrackingId(report.trackingId);
  const next = t(`promise.next.${late ? 'late' : 'running'}.${contact ? 'contact' : 'lapor'}`, { who, contact, number });
  return { clock, late, lead, next };
}

/** The lead box: the sentence, then what to do. `countdown` is the binding clock's own countdown. */
export function renderPromise(words: PromiseWords | undefined, countdown: (clock: Clock) => TemplateResult): TemplateResult | typeof nothing {
  if (!words) return nothing;
  return html`<div class="promise ${words.late ? 'late' : ''}" part="urgent-clock">
    <p class="lead" id="promise">${words.lead}</p>
    ${countdown(words.clock)} ${words.next ? html`<p class="next">${words.next}</p>` : nothing}
  </div>`;
}

/**
 * Re-renders its host when the minute changes (the sentence says "sisa 1 jam 27 menit"),
 * on the countdowns' shared ticker: no timer of its own, paused with the page.
 */
export class MinuteRefresh implements ReactiveController {
  #minute = -1;
  #stop?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly serverNow: () => number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop ??= subscribe(() => {
      const minute = Math.floor(this.serverNow() / MINUTE);
      if (minute !== this.#minute) {
        this.#minute = minute;
        this.host.requestUpdate();
      }
    });
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
