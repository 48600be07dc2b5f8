import { html, isServer, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ClockState } from '../../contract/enums.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { DurationUnit } from '../../contract/enums.js';
import type { ServiceHours, SlaCalendar } from '../../contract/sla.js';
import { workingDaysLeft } from '../../sla/arithmetic.js';
import { createCalendar, localDay, type Calendar } from '../../sla/calendar.js';
import { formatDay, formatDeadline, formatDueWords, formatServiceHours } from '../../sla/format.js';
import { calendarHolidays, holidayYears, isProvisionalYear, type Holiday } from '../../sla/holidays.js';
import { LaporElement } from '../shared/lapor-element.js';
import { spanFormatter, spanKey, type SpanFormatter } from './format.js';
import { icons, type IconName } from './icons.js';
import { styles } from './sla-countdown.styles.js';
import { alignTicksTo, deviceNow, subscribe } from './ticker.js';
import '../../i18n/register/sla-countdown.js';
import '../../i18n/register/service-hours.js';

/**
 * The label's Text node. A server render (@lit-labs/ssr) has no document and renders
 * strings, not nodes: there it is a plain holder of `data`, rendered as its string.
 */
const textHolder = (): Text => (isServer ? ({ data: '' } as Text) : document.createTextNode(''));
const shown = (text: Text) => (isServer ? text.data : text);

/**
 * Hydrating server-rendered HTML, Lit takes our Text node as already in place, but the
 * server wrote plain text there: put the node in its stead, between the part's markers.
 */
function adoptText(node: Text, container: Element | null): void {
  if (isServer || node.isConnected || !container) return;
  const end = [...container.childNodes].findLast((n) => n.nodeType === Node.COMMENT_NODE && (n as Comment).data === '/lit-part');
  if (!end) return;
  for (const n of [...container.childNodes]) if (n.nodeType === Node.TEXT_NODE) n.remove();
  container.insertBefore(node, end);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * What the countdown shows, which drives the icon and the colour:
 * `running` (> 1 h left), `soon` (≤ 1 h), `critical` (≤ 15 min), `overdue` (past due,
 * still open), `breached` (stopped late), `met`, `paused`.
 */
export type CountdownPhase = 'running' | 'soon' | 'critical' | 'overdue' | 'breached' | 'met' | 'paused';

const ICON: Record<CountdownPhase, IconName> = {
  running: 'running',
  soon: 'soon',
  critical: 'soon',
  overdue: 'overdue',
  breached: 'overdue',
  met: 'met',
  paused: 'paused',
};

/** Announcement thresholds, in order: more than 1 h, ≤ 1 h, ≤ 15 min, past due. */
const enum Zone {
  Far = 0,
  Hour = 1,
  Quarter = 2,
  Over = 3,
}
const ANNOUNCE: Record<Zone, MessageKey | null> = {
  [Zone.Far]: null,
  [Zone.Hour]: 'slaCountdown.announce.hour',
  [Zone.Quarter]: 'slaCountdown.announce.quarter',
  [Zone.Over]: 'slaCountdown.announce.breach',
};

function zoneOf(remainingMs: number): Zone {
  if (remainingMs < 0) return Zone.Over;
  if (remainingMs <= 15 * MINUTE) return Zone.Quarter;
  if (remainingMs <= HOUR) return Zone.Hour;
  return Zone.Far;
}

function phaseOfZone(zone: Zone): CountdownPhase {
  return zone === Zone.Over ? 'overdue' : zone === Zone.Quarter ? 'critical' : zone === Zone.Hour ? 'soon' : 'running';
}

/**
 * The bundled holidays, for a countdown given no calendar by its page: the shipped
 * decrees, then provisional years (Keppres 8/2024 fixed dates) as the engine's default.
 */
let bundled: Holiday[] | undefined;
const BUNDLED_YEARS_AHEAD = 5;

function parseInstant(value: string | null | undefined): number {
  return value ? Date.parse(value) : Number.NaN;
}

/**
 * Time left on one SLA clock: "Sisa 3 jam 12 menit", "Sisa 12 menit 5 detik" in the last
 * hour, "Terlambat 25 menit" once overdue, "Selesai tepat waktu", "Ditunda", with the
 * deadline "Batas waktu: Rabu, 9 Desember 2026 15.00 WIB" in the institution's zone.
 *
 * A `working_days` clock (LAPOR!'s "paling lambat N hari kerja") ends at the end of its
 * last working day: it reads "Paling lambat akhir hari Rabu, 3 Desember 2025", counts
 * "Sisa 3 hari kerja" (whole working days after today) and, on the last day, the hours
 * and minutes to midnight, reaching zero at that moment. Working days come from the
 * gateway's calendar (`calendar`, from `GET /v1/config`), else the bundled holidays; a
 * deadline in a year whose holidays are not decreed yet (provisional) says "perkiraan".
 *
 * An `hours` clock that counts only in service hours (`service-hours`, the clock's
 * `serviceHours`) may fall due the next working morning: it says when in plain words,
 * "Paling lambat Senin, 8 Desember pukul 09.38 WIB", and in which hours it counts.
 *
 * Time is the device clock plus `server-offset` (server minus device); without it, the
 * `now` property (set it to an SDK client's `serverNow`); only without either, the
 * device clock. Every countdown on the page shares one ticker aligned to the second,
 * paused while the page is hidden; a tick rewrites one text node only when the shown
 * text changes (once a minute above the last hour).
 *
 * Accessibility: `role="timer"` with `aria-live="off"`, so the ticking text is never
 * announced by itself; a separate polite live region speaks only at thresholds (1 hour
 * left, 15 minutes left, deadline passed) — and only for crossings this element saw,
 * not for the state it was created in. State is shown by text and icon, not colour alone.
 *
 * @event lapor-sla-breach - The running clock crossed its deadline while shown. Fires once per deadline. `detail: { clockId, due }`.
 *
 * @csspart base - The `role="timer"` wrapper (icon, label, deadline).
 * @csspart icon - The state icon (decorative, `aria-hidden`).
 * @csspart label - The ticking text ("Sisa 3 jam 12 menit").
 * @csspart deadline - "Batas waktu: …" in the institution's time zone.
 * @csspart estimate - "perkiraan: …" after a deadline in a provisional year.
 *
 * @cssproperty --lapor-countdown-icon-size - Icon size (default 1.25em).
 * @cssproperty --lapor-countdown-soon-color - Colour in the last hour (default `--lapor-color-warning`).
 * @cssproperty --lapor-countdown-overdue-color - Colour in the last 15 minutes and when overdue (default `--lapor-color-danger`).
 * @cssproperty --lapor-countdown-met-color - Colour when met (default `--lapor-color-success`).
 */
export class LaporSlaCountdown extends LaporElement {
  static override styles = styles;

  /** Deadline (ISO 8601 instant); the gateway is authoritative for it. */
  @property() due = '';

  /** When the clock started (ISO 8601). Informational. */
  @property() started = '';

  /**
   * When the clock stopped, or (paused) when the pause began (ISO 8601), as the SLA
   * engine reports `stoppedAt`. Freezes the display.
   */
  @property() stopped = '';

  /** `running`, `met`, `breached` or `paused`. */
  @property({ reflect: true }) state: ClockState = 'running';

  /** Server clock minus device clock, in ms (from the gateway's `serverTime`). */
  @property({ attribute: 'server-offset', type: Number }) serverOffset?: number;

  /** Which clock (`local.handle`, `lapor.verify`, …): names it in announcements and events. */
  @property({ attribute: 'clock-id' }) clockId = '';

  /** The institution's time zone for the deadline (WIB, WITA or WIT). */
  @property({ attribute: 'time-zone' }) timeZone = 'Asia/Jakarta';

  /** The clock's unit (`hours`, `working_days`, `working_hours`): how the deadline and the time left read. */
  @property() unit: DurationUnit = 'hours';

  /**
   * The service hours an `hours` clock counts in (the clock's `serviceHours`), if any:
   * the deadline then reads "Paling lambat Senin, 8 Desember pukul 09.38 WIB".
   */
  @property({ attribute: false }) serviceHours?: ServiceHours;

  /**
   * The gateway's working calendar (`GET /v1/config` → `calendar`): which days are
   * holidays and which years are provisional. Without it, the holidays bundled here.
   */
  @property({ attribute: false }) calendar?: SlaCalendar;

  /** Server time source, e.g. `client.serverNow`; used when `server-offset` is absent. */
  @property({ attribute: false }) now?: () => number;

  /**
   * No threshold announcements of its own: for a page that announces each crossing once
   * itself (the admin console's warnings), so nothing is said twice. The timer stays.
   */
  @property({ type: Boolean }) quiet = false;

  @state() protected phase: CountdownPhase = 'running';

  /** The ticking text and the live region's text: nodes we own, rendered once by Lit. */
  #text = textHolder();
  #live = textHolder();
  #dueMs = Number.NaN;
  #stoppedMs = Number.NaN;
  /** What is on screen: redraw only when one of these changes. */
  #shownKey = Number.NaN;
  #shownMode = '';
  #zone: Zone | undefined;
  /** The deadline whose breach was already reported. */
  #breachReportedFor = Number.NaN;
  #unsubscribe?: () => void;
  /**
   * Off-screen (the browser skips rendering our content-visibility:auto host): show
   * whole minutes only, so the text changes once a minute instead of every second. It
   * stays true to the minute for assistive tech; seconds come back when on screen.
   */
  #skipped = false;

  constructor() {
    super();
    this.addEventListener('contentvisibilityautostatechange', (event) => {
      const skipped = (event as Event & { skipped?: boolean }).skipped === true;
      if (skipped === this.#skipped) return;
      this.#skipped = skipped;
      this.#shownMode = '';
      this.#evaluate(deviceNow(), false);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#syncTicking();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** The current server time, by the best source available. */
  serverTime(device = deviceNow()): number {
    const offset = this.serverOffset;
    if (offset != null && Number.isFinite(offset)) return device + offset;
    if (this.now) return this.now();
    return device;
  }

  /** Milliseconds left (negative once overdue); frozen for a stopped or paused clock. */
  remainingMs(device = deviceNow()): number {
    const end = Number.isFinite(this.#stoppedMs) ? this.#stoppedMs : this.serverTime(device);
    return this.#dueMs - end;
  }

  protected override render() {
    const due = this.#dueMs;
    const deadline = Number.isFinite(due) ? this.#deadline(due) : '';
    // The label's Text node is ours: Lit inserts it once (same node → no-op after), and
    // a tick writes its `data` directly, so a tick is one text write, not a template update.
    return html`<div part="base" class="base" role="timer" aria-live="off" aria-atomic="true" data-phase=${this.phase}>
        <span part="icon" class="icon" aria-hidden="true">${icons[ICON[this.phase]]}</span>
        <span class="text"><span part="label" class="label">${shown(this.#text)}</span><span part="deadline" class="deadline">${deadline}</span></span>
      </div>
      <span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${shown(this.#live)}</span>`;
  }

  /** "Batas waktu: …" (hours), or "Paling lambat akhir hari …" and, if so, "perkiraan". */
  #deadline(due: number) {
    if (this.unit === 'hours' && this.serviceHours) return this.#serviceDeadline(due, this.serviceHours);
    if (this.unit === 'hours') return this.t('slaCountdown.deadline', { date: this.#deadlineDate(due) });
    const zone = this.#workingCalendar().timeZone;
    const locale = this.locale === 'id' ? 'id-ID' : this.locale;
    // An end-of-day deadline is 00:00 after the last day: name the last day.
    const text =
      this.unit === 'working_days'
        ? this.t('slaCountdown.deadlineEndOfDay', { date: formatDay(due - 1, zone, locale) })
        : this.t('slaCountdown.deadline', { date: this.#deadlineDate(due) });
    const year = Number(new Date(due - 1 + this.#workingCalendar().offsetMs).toISOString().slice(0, 4));
    if (!isProvisionalYear(this.#holidays(), year)) return text;
    return html`${text} <span part="estimate" class="estimate">${this.t('slaCountdown.estimate', { year })}</span>`;
  }

  /** "Paling lambat Senin, 8 Desember pukul 09.38 WIB. Dihitung dalam jam layanan: Senin–Jumat 07.30–15.30 WIB". */
  #serviceDeadline(due: number, hours: ServiceHours) {
    const locale = this.locale === 'id' ? 'id-ID' : this.locale;
    const zone = this.#workingCalendar().timeZone;
    const date = formatDueWords(due, zone, locale, this.serverTime());
    return `${this.t('serviceHours.due', { date })}. ${this.t('serviceHours.counted', { hours: formatServiceHours(hours, zone, locale) })}`;
  }

  #holidays(): ReadonlyArray<Pick<Holiday, 'date' | 'provisional'>> {
    return this.calendar?.holidays ?? (bundled ??= calendarHolidays({ through: Math.max(...holidayYears()) + BUNDLED_YEARS_AHEAD }));
  }

  #cal?: { key: unknown[]; calendar: Calendar };
  /**
   * The working calendar in this clock's zone (Banyuwangi's if the engine refuses the
   * zone), rebuilt only when its inputs change.
   */
  #workingCalendar(): Calendar {
    const key = [this.calendar, this.timeZone];
    if (this.#cal?.key.every((k, i) => k === key[i])) return this.#cal.calendar;
    const holidays = this.#holidays().map((h) => h.date);
    let calendar: Calendar;
    try {
      calendar = createCalendar({ timeZone: this.timeZone || 'Asia/Jakarta', holidays });
    } catch {
      calendar = createCalendar({ timeZone: 'Asia/Jakarta', holidays });
    }
    this.#cal = { key, calendar };
    return calendar;
  }

  #daysCache = { day: Number.NaN, due: Number.NaN, left: 0 };
  /** Whole working days left after the local day of `at` (cached per day: ticks are cheap). */
  #workingDaysLeft(at: number): number {
    const cal = this.#workingCalendar();
    const day = localDay(cal, at);
    const cache = this.#daysCache;
    if (cache.day !== day || cache.due !== this.#dueMs) {
      this.#daysCache = { day, due: this.#dueMs, left: workingDaysLeft(cal, at, this.#dueMs) };
    }
    return this.#daysCache.left;
  }

  #deadlineDate(due: number): string {
    const locale = this.locale === 'id' ? 'id-ID' : this.locale;
    try {
      return formatDeadline(due, this.timeZone || 'Asia/Jakarta', locale);
    } catch {
      // An unknown zone must not blank the countdown: fall back to Banyuwangi's (WIB).
      return formatDeadline(due, 'Asia/Jakarta', locale);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed); // resolves `locale` first
    if (changed.has('due')) this.#dueMs = parseInstant(this.due);
    if (changed.has('stopped')) this.#stoppedMs = parseInstant(this.stopped);
    if (changed.has('calendar') || changed.has('timeZone')) this.#daysCache = { day: Number.NaN, due: Number.NaN, left: 0 };
    const inputs = ['due', 'stopped', 'state', 'serverOffset', 'now', 'locale', 'unit', 'calendar', 'timeZone', 'serviceHours'] as const;
    if (inputs.some((k) => changed.has(k as keyof LaporSlaCountdown))) {
      // A new deadline or state is a fresh start: no announcement for where it begins.
      if (changed.has('due') || changed.has('state')) this.#zone = undefined;
      this.#shownMode = '';
      this.#evaluate(deviceNow(), false); // before render: sets `phase` in this same update
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    adoptText(this.#text, this.renderRoot.querySelector('[part~="label"]'));
    adoptText(this.#live, this.renderRoot.querySelector('[role="status"]'));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncTicking();
  }

  /** Subscribe to the shared ticker only while the display can change by itself. */
  #syncTicking(): void {
    const ticking =
      this.isConnected &&
      Number.isFinite(this.#dueMs) &&
      !Number.isFinite(this.#stoppedMs) &&
      (this.state === 'running' || this.state === 'breached');
    if (ticking && !this.#unsubscribe) {
      const offset = this.serverOffset;
      alignTicksTo(offset != null && Number.isFinite(offset) ? offset : this.now ? this.now() - deviceNow() : 0);
      this.#unsubscribe = subscribe((device) => this.#evaluate(device, true));
    } else if (!ticking && this.#unsubscribe) {
      this.#unsubscribe();
      this.#unsubscribe = undefined;
    }
  }

  /** Compute what to show at `device` time; write the text only when it changed. */
  #evaluate(device: number, fromTick: boolean): void {
    if (!Number.isFinite(this.#dueMs)) return this.#show('none', 0, 'running', () => '');

    const frozen = Number.isFinite(this.#stoppedMs);
    const left = this.remainingMs(device);
    switch (this.state) {
      case 'met':
        return this.#show('met', 0, 'met', () => this.t('slaCountdown.met'));
      case 'paused': {
        // A working-day clock keeps its whole working days while paused (DESIGN.md).
        const days = frozen && left > 0 && this.unit === 'working_days' ? this.#workingDaysLeft(this.#stoppedMs) : 0;
        if (days > 0) return this.#show('paused-days', days, 'paused', () => this.#words().pausedDays(days));
        return frozen && left > 0
          ? this.#show('paused', spanKey(left), 'paused', () => this.#words().paused(left))
          : this.#show('paused', 0, 'paused', () => this.t('slaCountdown.paused'));
      }
      case 'breached':
        if (left < 0) return this.#show('over', spanKey(left, MINUTE), frozen ? 'breached' : 'overdue', () => this.#words().overdue(left));
        // The gateway says breached but our clock disagrees (skew): trust the gateway.
        return this.#show('breached', 0, frozen ? 'breached' : 'overdue', () => this.t('slaCountdown.breached'));
      default:
        break;
    }

    // Running.
    const zone = zoneOf(left);
    if (!frozen) {
      const previous = this.#zone;
      this.#zone = zone;
      if (fromTick && previous !== undefined && zone > previous) {
        const key = ANNOUNCE[zone];
        if (key) this.#announce(key);
        if (zone === Zone.Over && this.#breachReportedFor !== this.#dueMs) {
          this.#breachReportedFor = this.#dueMs;
          this.emit('lapor-sla-breach', { clockId: this.clockId || undefined, due: this.due });
        }
      }
    }
    const phase = phaseOfZone(zone);
    if (left < 0) return this.#show('over', spanKey(left, MINUTE), phase, () => this.#words().overdue(left));
    // Working days: "Sisa 3 hari kerja" until the last day, then hours to its midnight.
    const days = this.unit === 'working_days' ? this.#workingDaysLeft(this.serverTime(device)) : 0;
    if (days > 0) return this.#show('days', days, phase, () => this.#words().remainingDays(days));
    const secondsUnder = this.#skipped ? MINUTE : HOUR;
    return this.#show('left', spanKey(left, secondsUnder), phase, () => this.#words().remaining(left, secondsUnder));
  }

  /** The shared, memoising formatter of this element's language. */
  #words(): SpanFormatter {
    return spanFormatter(this.locale);
  }

  #show(mode: string, key: number, phase: CountdownPhase, text: () => string): void {
    if (phase !== this.phase) this.phase = phase; // icon and colour: a (rare) template update
    if (mode === this.#shownMode && key === this.#shownKey) return;
    this.#shownMode = mode;
    this.#shownKey = key;
    const value = text();
    if (this.#text.data !== value) this.#text.data = value;
  }

  #announce(key: MessageKey): void {
    if (this.quiet) return;
    const text = this.t(key);
    const label = this.clockId ? this.t(`slaCountdown.clock.${this.clockId}` as MessageKey) : '';
    this.#live.data = label && !label.startsWith('slaCountdown.') ? this.t('slaCountdown.withLabel', { label, text }) : text;
  }
}
