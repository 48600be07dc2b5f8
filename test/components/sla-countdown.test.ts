import { expect, fixture, html, fixtureCleanup } from '@open-wc/testing';
import fc from 'fast-check';
import { emulateMedia } from '@web/test-runner-commands';
import { msg } from '../../src/i18n/catalog.js';
import { loadLocale } from '../../src/i18n/load.js';
import { spanFormatter, unitsFor } from '../../src/components/sla-countdown/format.js';
import { splitDuration } from '../../src/sla/format.js';
import '../../src/components/sla-countdown/sla-countdown.js';
import type { LaporSlaCountdown } from '../../src/components/sla-countdown/sla-countdown.js';
import type { SlaCalendar } from '../../src/contract/sla.js';
import { setDeviceClock, tickNow, tickerState } from '../../src/components/sla-countdown/ticker.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
/** Wednesday 9 Dec 2026 15:00 WIB: the deadline most tests use. */
const DUE = Date.parse('2026-12-09T08:00:00.000Z');

let device = DUE;
const setDevice = (ms: number) => {
  device = ms;
};

async function countdown(opts: {
  left?: number;
  due?: number;
  state?: string;
  stopped?: number;
  lang?: string;
  offset?: number | null;
  clockId?: string;
  timeZone?: string;
}): Promise<LaporSlaCountdown> {
  const due = opts.due ?? DUE;
  if (opts.left !== undefined) setDevice(due - opts.left - (opts.offset ?? 0));
  const el = await fixture<LaporSlaCountdown>(html`<lapor-sla-countdown
    due=${new Date(due).toISOString()}
    state=${opts.state ?? 'running'}
    stopped=${opts.stopped === undefined ? '' : new Date(opts.stopped).toISOString()}
    lang=${opts.lang ?? 'id'}
    server-offset=${opts.offset === null ? (undefined as unknown as string) : String(opts.offset ?? 0)}
    clock-id=${opts.clockId ?? ''}
    time-zone=${opts.timeZone ?? 'Asia/Jakarta'}
  ></lapor-sla-countdown>`);
  if (opts.offset === null) el.removeAttribute('server-offset');
  await el.updateComplete;
  return el;
}

const part = (el: LaporSlaCountdown, name: string) => el.shadowRoot!.querySelector(`[part="${name}"]`)!;
const label = (el: LaporSlaCountdown) => part(el, 'label').textContent;
const live = (el: LaporSlaCountdown) => el.shadowRoot!.querySelector('[role="status"]')!;

describe('<lapor-sla-countdown>', () => {
  before(() => loadLocale('en'));
  beforeEach(() => setDeviceClock(() => device));
  afterEach(() => {
    fixtureCleanup();
    setDeviceClock();
  });

  describe('wording', () => {
    it('Indonesian: hours and minutes, no plural inflection', async () => {
      expect(label(await countdown({ left: 3 * H + 12 * M + 30 * S }))).to.equal('Sisa 3 jam 12 menit');
      expect(label(await countdown({ left: 1 * H + 30 * S }))).to.equal('Sisa 1 jam');
      expect(label(await countdown({ left: 2 * 24 * H + 5 * H + 7 * M }))).to.equal('Sisa 2 hari 5 jam');
    });

    it('English: plural-correct units', async () => {
      expect(label(await countdown({ left: 3 * H + 12 * M, lang: 'en' }))).to.equal('3 hours 12 minutes left');
      expect(label(await countdown({ left: 1 * H + 1 * M, lang: 'en' }))).to.equal('1 hour 1 minute left');
      expect(label(await countdown({ left: 1 * H + 20 * S, lang: 'en' }))).to.equal('1 hour left');
      expect(label(await countdown({ left: 24 * H + 3 * H, lang: 'en' }))).to.equal('1 day 3 hours left');
    });

    it('shows seconds only in the last hour', async () => {
      expect(label(await countdown({ left: 12 * M + 5 * S + 400 }))).to.equal('Sisa 12 menit 5 detik');
      expect(label(await countdown({ left: 12 * M + 5 * S, lang: 'en' }))).to.equal('12 minutes 5 seconds left');
      expect(label(await countdown({ left: 59 * M + 59 * S }))).to.equal('Sisa 59 menit 59 detik');
      expect(label(await countdown({ left: 1 * S, lang: 'en' }))).to.equal('1 second left');
      expect(label(await countdown({ left: 1 * H + 59 * S }))).to.equal('Sisa 1 jam');
    });

    it('overdue, met, paused and breached', async () => {
      expect(label(await countdown({ left: -25 * M - 10 * S }))).to.equal('Terlambat 25 menit');
      expect(label(await countdown({ left: -25 * M, lang: 'en' }))).to.equal('25 minutes overdue');
      expect(label(await countdown({ left: -30 * S }))).to.equal('Terlambat 30 detik');
      expect(label(await countdown({ left: 2 * H, state: 'met' }))).to.equal('Selesai tepat waktu');
      expect(label(await countdown({ left: 2 * H, state: 'met', lang: 'en' }))).to.equal('Completed on time');
      expect(label(await countdown({ left: 2 * H, state: 'paused' }))).to.equal('Ditunda');
      expect(label(await countdown({ left: 9 * H, state: 'paused', stopped: DUE - 2 * H }))).to.equal('Ditunda, sisa 2 jam');
      expect(label(await countdown({ left: 9 * H, state: 'paused', stopped: DUE - 2 * H, lang: 'en' }))).to.equal('On hold, 2 hours left');
      // Stopped late: frozen at how late it was.
      expect(label(await countdown({ left: -9 * H, state: 'breached', stopped: DUE + 40 * M }))).to.equal('Terlambat 40 menit');
      // The gateway says breached although our clock says there is time left: trust it.
      expect(label(await countdown({ left: 5 * S, state: 'breached' }))).to.equal('Terlambat');
    });

    it('shows the deadline in the institution zone, in both languages', async () => {
      expect(part(await countdown({ left: H }), 'deadline').textContent).to.equal('Batas waktu: Rabu, 9 Desember 2026 15.00 WIB');
      expect(part(await countdown({ left: H, timeZone: 'Asia/Makassar' }), 'deadline').textContent).to.equal(
        'Batas waktu: Rabu, 9 Desember 2026 16.00 WITA',
      );
      expect(part(await countdown({ left: H, lang: 'en', timeZone: 'Asia/Jayapura' }), 'deadline').textContent).to.equal(
        'Deadline: Wednesday, 9 December 2026 17:00 WIT',
      );
    });

    it('an unknown time zone falls back to WIB instead of breaking', async () => {
      const el = await countdown({ left: H, timeZone: 'Mars/Olympus' });
      expect(part(el, 'deadline').textContent).to.equal('Batas waktu: Rabu, 9 Desember 2026 15.00 WIB');
      expect(label(el)).to.equal('Sisa 1 jam');
    });

    it('follows a language change', async () => {
      const el = await countdown({ left: 3 * H + 12 * M });
      el.lang = 'en';
      await el.updateComplete;
      await el.updateComplete;
      expect(label(el)).to.equal('3 hours 12 minutes left');
    });

    it('shows state by icon as well as text (icon hidden from assistive tech)', async () => {
      const icons = new Set<string>();
      for (const o of [{ left: 3 * H }, { left: 30 * M }, { left: -M }, { left: H, state: 'met' }, { left: H, state: 'paused' }]) {
        const el = await countdown(o);
        const icon = part(el, 'icon');
        expect(icon.getAttribute('aria-hidden')).to.equal('true');
        icons.add(icon.innerHTML.replace(/<!--[^]*?-->/g, ''));
      }
      expect(icons.size).to.equal(5);
    });
  });

  describe('memoised wording', () => {
    it('property: the fast formatter says exactly what the catalog says, in both languages', () => {
      fc.assert(
        fc.property(fc.constantFrom('id', 'en'), fc.integer({ min: 0, max: 40 * 24 * H }), fc.boolean(), (lang, ms, seconds) => {
          const under = seconds ? H : M;
          const parts = splitDuration(ms);
          const words = unitsFor(parts, ms < under).map((u) => msg(lang, `duration.${u}`, { n: parts[u] }));
          const time = words.length === 2 ? msg(lang, 'slaCountdown.join', { a: words[0]!, b: words[1]! }) : words[0]!;
          expect(spanFormatter(lang).remaining(ms, under)).to.equal(msg(lang, 'slaCountdown.remaining', { time }));
          expect(spanFormatter(lang).overdue(-ms)).to.equal(
            msg(lang, 'slaCountdown.overdue', { time: spanFormatter(lang).span(ms, M) }),
          );
        }),
        { numRuns: 500 },
      );
    });

    it('off-screen (rendering skipped) it shows whole minutes, and seconds again when back', async () => {
      const el = await countdown({ left: 12 * M + 5 * S });
      expect(label(el)).to.equal('Sisa 12 menit 5 detik');
      const visibility = (skipped: boolean) => {
        const event = new Event('contentvisibilityautostatechange');
        Object.defineProperty(event, 'skipped', { value: skipped });
        el.dispatchEvent(event);
      };
      visibility(true);
      expect(label(el)).to.equal('Sisa 12 menit');
      setDevice(device + 2 * S);
      tickNow();
      expect(label(el)).to.equal('Sisa 12 menit');
      visibility(false);
      expect(label(el)).to.equal('Sisa 12 menit 3 detik');
    });
  });

  describe('time source', () => {
    it('a device clock 24 h wrong is corrected by server-offset', async () => {
      const trueNow = DUE - (3 * H + 12 * M);
      setDevice(trueNow + 24 * H);
      const el = await countdown({ offset: -24 * H });
      expect(label(el)).to.equal('Sisa 3 jam 12 menit');
      tickNow();
      expect(label(el)).to.equal('Sisa 3 jam 12 menit');
    });

    it('without server-offset it uses the `now` property (the SDK clock), not the device clock', async () => {
      setDevice(DUE + 24 * H); // device says a day late
      const el = await countdown({ offset: null });
      expect(label(el)).to.match(/^Terlambat/); // device clock alone: wrong, and that is the fallback
      el.now = () => DUE - 3 * H - 12 * M;
      await el.updateComplete;
      expect(label(el)).to.equal('Sisa 3 jam 12 menit');
      tickNow();
      expect(label(el)).to.equal('Sisa 3 jam 12 menit');
    });
  });

  describe('announcements and the breach event', () => {
    it('the timer is not live; the polite region speaks only at 1 h, 15 min and breach, and the event fires once', async () => {
      const el = await countdown({ left: H + 2 * S, clockId: 'local.handle' });
      const base = part(el, 'base');
      expect(base.getAttribute('role')).to.equal('timer');
      expect(base.getAttribute('aria-live')).to.equal('off');
      const region = live(el);
      expect(region.getAttribute('aria-live')).to.equal('polite');
      expect(region.textContent).to.equal('');

      // Every change of the region's text, checked after each tick.
      const spoken: string[] = [];
      let breaches = 0;
      let detail: unknown;
      el.addEventListener('lapor-sla-breach', (e) => {
        breaches++;
        detail = (e as CustomEvent).detail;
      });

      // Tick second by second across each threshold (plus a few either side).
      const run = (from: number, to: number) => {
        for (let left = from; left >= to; left -= S) {
          setDevice(DUE - left);
          tickNow();
          const text = region.textContent ?? '';
          if (text !== (spoken.at(-1) ?? '')) spoken.push(text);
        }
      };
      run(H + 2 * S, H - 3 * S);
      run(15 * M + 2 * S, 15 * M - 3 * S);
      run(3 * S, -5 * S);

      expect(spoken).to.deep.equal([
        'Penanganan awal: Sisa waktu tinggal 1 jam.',
        'Penanganan awal: Sisa waktu tinggal 15 menit.',
        'Penanganan awal: Batas waktu sudah terlewati.',
      ]);
      expect(breaches).to.equal(1);
      expect(detail).to.deep.equal({ clockId: 'local.handle', due: new Date(DUE).toISOString() });
      expect(label(el)).to.equal('Terlambat 5 detik');
      run(-6 * S, -70 * S);
      expect(breaches).to.equal(1);
    });

    it('the event bubbles out of shadow roots', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      setDevice(DUE - 2 * S);
      const el = document.createElement('lapor-sla-countdown');
      el.due = new Date(DUE).toISOString();
      el.serverOffset = 0;
      shadow.append(el);
      await el.updateComplete;
      let seen = 0;
      document.addEventListener('lapor-sla-breach', () => seen++, { once: true });
      setDevice(DUE + S);
      tickNow();
      expect(seen).to.equal(1);
    });

    it('does not announce or fire for the state it was created in', async () => {
      const el = await countdown({ left: -10 * M });
      let breaches = 0;
      el.addEventListener('lapor-sla-breach', () => breaches++);
      tickNow();
      expect(live(el).textContent).to.equal('');
      expect(breaches).to.equal(0);
    });
  });

  describe('the shared ticker', () => {
    it('1 timer for many countdowns; a tick causes no template update within a phase', async () => {
      const realSetTimeout = window.setTimeout;
      const realSetInterval = window.setInterval;
      let timeouts = 0;
      let intervals = 0;
      window.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
        timeouts++;
        return realSetTimeout(...args);
      }) as typeof setTimeout;
      window.setInterval = ((...args: Parameters<typeof setInterval>) => {
        intervals++;
        return realSetInterval(...args);
      }) as typeof setInterval;
      try {
        setDeviceClock(); // real time, so the real timer drives the ticks
        const due = new Date(Date.now() + 3 * H).toISOString();
        const wrap = await fixture<HTMLDivElement>(html`<div>
          ${Array.from({ length: 50 }, () => html`<lapor-sla-countdown due=${due} server-offset="0"></lapor-sla-countdown>`)}
        </div>`);
        const els = [...wrap.querySelectorAll('lapor-sla-countdown')];
        await Promise.all(els.map((e) => e.updateComplete));
        expect(tickerState()).to.include({ listeners: 50, running: true });
        const updates = { n: 0 };
        for (const e of els) {
          const original = e.requestUpdate.bind(e);
          e.requestUpdate = (...a: Parameters<typeof e.requestUpdate>) => {
            updates.n++;
            return original(...a);
          };
        }
        const before = { timeouts, ticks: tickerState().ticks };
        await new Promise((r) => realSetTimeout(r, 2100));
        const ticked = tickerState().ticks - before.ticks;
        expect(ticked).to.be.within(2, 3);
        // One setTimeout per tick for all 50 (plus at most the test's own wait).
        expect(timeouts - before.timeouts).to.be.at.most(ticked + 1);
        expect(intervals).to.equal(0);
        expect(updates.n).to.equal(0);

        wrap.remove();
        expect(tickerState()).to.include({ listeners: 0, running: false });
      } finally {
        window.setTimeout = realSetTimeout;
        window.setInterval = realSetInterval;
      }
    });

    it('ticks only running clocks and stops while the page is hidden', async () => {
      setDevice(DUE - 3 * H);
      const met = await countdown({ left: H, state: 'met' });
      expect(tickerState().listeners).to.equal(0);
      met.state = 'running';
      await met.updateComplete;
      expect(tickerState()).to.include({ listeners: 1, running: true });

      const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
      try {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange'));
        expect(tickerState().running).to.equal(false);
        setDevice(DUE - 10 * M);
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
        document.dispatchEvent(new Event('visibilitychange'));
        // Catches up at once on return.
        expect(tickerState().running).to.equal(true);
        expect(label(met)).to.equal('Sisa 10 menit');
      } finally {
        delete (document as { hidden?: boolean }).hidden;
        Object.defineProperty(Document.prototype, 'hidden', hidden);
      }
      met.remove();
      expect(tickerState()).to.include({ listeners: 0, running: false });
    });
  });

  describe('motion', () => {
    after(() => emulateMedia({ reducedMotion: 'no-preference' }));

    it('pulses the icon in the last 15 minutes, unless the user prefers reduced motion', async () => {
      await emulateMedia({ reducedMotion: 'no-preference' });
      const el = await countdown({ left: 5 * M });
      const icon = part(el, 'icon');
      expect(getComputedStyle(icon).animationName).to.equal('pulse');
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(icon).animationName).to.equal('none');
      const calm = await countdown({ left: 3 * H });
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(getComputedStyle(part(calm, 'icon')).animationName).to.equal('none');
    });
  });

  describe('working-day clocks (end-of-day deadlines, DESIGN.md → Working days)', () => {
    // End of Wed 3 Dec 2025 WIB: 00:00 Thu 4 Dec (a Friday 28 Nov report + 3 working days).
    const END_3_DEC_2025 = Date.parse('2025-12-04T00:00:00+07:00');
    // End of Wed 6 Jan 2027 WIB: 31 Dec 2026 + 3 working days, in provisional 2027.
    const END_6_JAN_2027 = Date.parse('2027-01-07T00:00:00+07:00');

    async function workingDays(o: { due: number; at: number; lang?: string; state?: string; stopped?: number; calendar?: SlaCalendar; timeZone?: string }) {
      setDevice(o.at);
      const el = await fixture<LaporSlaCountdown>(html`<lapor-sla-countdown
        due=${new Date(o.due).toISOString()}
        unit="working_days"
        state=${o.state ?? 'running'}
        stopped=${o.stopped === undefined ? '' : new Date(o.stopped).toISOString()}
        lang=${o.lang ?? 'id'}
        server-offset="0"
        time-zone=${o.timeZone ?? 'Asia/Jakarta'}
        .calendar=${o.calendar}
      ></lapor-sla-countdown>`);
      await el.updateComplete;
      return el;
    }
    const served = (holidays: SlaCalendar['holidays']): SlaCalendar => ({ timeZone: 'Asia/Jakarta', holidays });

    it('names the last day: "Paling lambat akhir hari Rabu, 3 Desember 2025" / "By the end of Wednesday, 3 December 2025"', async () => {
      const id = await workingDays({ due: END_3_DEC_2025, at: Date.parse('2025-11-28T15:59:00+07:00') });
      expect(part(id, 'deadline').textContent!.trim()).to.equal('Paling lambat akhir hari Rabu, 3 Desember 2025');
      const en = await workingDays({ due: END_3_DEC_2025, at: Date.parse('2025-11-28T15:59:00+07:00'), lang: 'en' });
      expect(part(en, 'deadline').textContent!.trim()).to.equal('By the end of Wednesday, 3 December 2025');
    });

    it('counts whole working days after today, then the hours to midnight, reaching zero at the deadline', async () => {
      const el = await workingDays({ due: END_3_DEC_2025, at: Date.parse('2025-11-28T15:59:00+07:00') });
      expect(label(el)).to.equal('Sisa 3 hari kerja'); // Fri: Mon 1, Tue 2, Wed 3
      setDevice(Date.parse('2025-11-29T22:00:00+07:00')); // Saturday night: still 3
      tickNow(device);
      expect(label(el)).to.equal('Sisa 3 hari kerja');
      setDevice(Date.parse('2025-12-02T09:00:00+07:00')); // Tuesday: Wednesday left
      tickNow(device);
      expect(label(el)).to.equal('Sisa 1 hari kerja');
      setDevice(Date.parse('2025-12-03T16:00:00+07:00')); // the last day, 16:00: 8 hours to go
      tickNow(device);
      expect(label(el)).to.equal('Sisa 8 jam');
      setDevice(END_3_DEC_2025 - 30 * S);
      tickNow(device);
      expect(label(el)).to.equal('Sisa 30 detik');
      setDevice(END_3_DEC_2025);
      tickNow(device);
      expect(el.remainingMs()).to.equal(0);
      expect(label(el)).to.equal('Sisa 0 detik');
      setDevice(END_3_DEC_2025 + S);
      tickNow(device);
      expect(label(el)).to.equal('Terlambat 1 detik');
    });

    it('English: "3 working days left", "1 working day left"', async () => {
      const el = await workingDays({ due: END_3_DEC_2025, at: Date.parse('2025-11-28T10:00:00+07:00'), lang: 'en' });
      expect(label(el)).to.equal('3 working days left');
      setDevice(Date.parse('2025-12-02T10:00:00+07:00'));
      tickNow(device);
      expect(label(el)).to.equal('1 working day left');
    });

    it("uses the gateway's calendar: a holiday it serves is not a working day left", async () => {
      const el = await workingDays({
        due: END_3_DEC_2025,
        at: Date.parse('2025-11-28T10:00:00+07:00'),
        calendar: served([{ date: '2025-12-02', name: 'Libur daerah (uji)', kind: 'regional', provisional: false }]),
      });
      expect(label(el)).to.equal('Sisa 2 hari kerja');
    });

    it('paused: keeps the working days it had left', async () => {
      const el = await workingDays({
        due: END_3_DEC_2025,
        at: Date.parse('2025-12-10T10:00:00+07:00'),
        state: 'paused',
        stopped: Date.parse('2025-11-28T10:00:00+07:00'),
      });
      expect(label(el)).to.equal('Ditunda, sisa 3 hari kerja');
    });

    it('says "perkiraan" next to a deadline in a provisional year (2027), not in a decreed one', async () => {
      const at = Date.parse('2026-12-31T10:00:00+07:00');
      const provisional = await workingDays({ due: END_6_JAN_2027, at });
      expect(part(provisional, 'deadline').textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Paling lambat akhir hari Rabu, 6 Januari 2027 perkiraan: hari libur 2027 belum ditetapkan',
      );
      expect(part(provisional, 'estimate').textContent).to.equal('perkiraan: hari libur 2027 belum ditetapkan');
      await expect(provisional).to.be.accessible();
      const en = await workingDays({ due: END_6_JAN_2027, at, lang: 'en' });
      expect(part(en, 'estimate').textContent).to.equal('estimate: the 2027 holidays are not decreed yet');
      const decreed = await workingDays({ due: END_3_DEC_2025, at: Date.parse('2025-11-28T10:00:00+07:00') });
      expect(decreed.shadowRoot!.querySelector('[part="estimate"]')).to.equal(null);
    });

    it("follows the served calendar's provisional flags: a gateway with the 2027 decree drops the estimate", async () => {
      const at = Date.parse('2026-12-31T10:00:00+07:00');
      const with2027 = await workingDays({
        due: END_6_JAN_2027,
        at,
        calendar: served([{ date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national', provisional: false }]),
      });
      expect(with2027.shadowRoot!.querySelector('[part="estimate"]')).to.equal(null);
      const provisional = await workingDays({
        due: END_6_JAN_2027,
        at,
        calendar: served([{ date: '2027-01-01', name: 'Tahun Baru Masehi', kind: 'national', provisional: true }]),
      });
      expect(provisional.shadowRoot!.querySelector('[part="estimate"]')).not.to.equal(null);
    });

    it('the last day is named in the institution zone (WIT)', async () => {
      const el = await workingDays({ due: Date.parse('2025-12-04T00:00:00+09:00'), at: Date.parse('2025-11-28T10:00:00+09:00'), timeZone: 'Asia/Jayapura' });
      expect(part(el, 'deadline').textContent!.trim()).to.equal('Paling lambat akhir hari Rabu, 3 Desember 2025');
    });
  });

  describe('accessibility', () => {
    const states: Array<[string, Parameters<typeof countdown>[0]]> = [
      ['running', { left: 3 * H }],
      ['last hour', { left: 30 * M }],
      ['last 15 minutes', { left: 5 * M }],
      ['overdue', { left: -5 * M }],
      ['met', { left: H, state: 'met' }],
      ['paused', { left: H, state: 'paused', stopped: DUE - 2 * H }],
      ['breached', { left: -H, state: 'breached', stopped: DUE + M }],
      ['no deadline', { left: H, due: Number.NaN }],
    ];
    for (const [name, o] of states) {
      it(`axe finds nothing: ${name}`, async () => {
        const el = o.due !== undefined && Number.isNaN(o.due)
          ? await fixture<LaporSlaCountdown>(html`<lapor-sla-countdown></lapor-sla-countdown>`)
          : await countdown(o);
        await expect(el).to.be.accessible();
      });
    }
  });
});
