/**
 * `<lapor-admin-queue>`: sign in (token in sessionStorage only), the queue ordered by
 * time left with the overdue group, filters and search, paging, keyboard (j/k, Enter,
 * Escape, /), live updates over the admin stream, the 60/15-minute warnings with the
 * clock controlled, and axe in both languages.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/components/admin-queue/admin-queue.js';
import type { LaporAdminQueue } from '../../src/components/admin-queue/admin-queue.component.js';
import { setDeviceClock, tickNow } from '../../src/components/sla-countdown/ticker.js';
import { loadLocale } from '../../src/i18n/load.js';
import { http, HttpResponse } from 'msw';
import { worker } from '../helpers/msw.js';
import {
  ADMIN_API,
  DINKES,
  FakeAdminGateway,
  HOUR,
  MINUTE,
  TOKEN,
  adminReport,
  q,
  qa,
  text,
  trackingId,
  until,
  useFakeAdminGateway,
} from './admin-queue-fixture.js';

const rowIds = (el: Element) => qa(el, 'li.row').map((li) => li.dataset['id']);

let gw: FakeAdminGateway;

async function mount(lang = 'id'): Promise<LaporAdminQueue> {
  return fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API} lang=${lang}></lapor-admin-queue>`);
}

async function signIn(el: LaporAdminQueue, token = TOKEN): Promise<void> {
  const input = q<HTMLInputElement>(el, '#token')!;
  input.value = token;
  q<HTMLButtonElement>(el, '.sign-in button[type="submit"]')!.click();
  await until(() => expect(q(el, '#sign-in-error') ?? q(el, '#queue-heading')).to.exist);
  await el.updateComplete;
}

async function signedIn(lang = 'id'): Promise<LaporAdminQueue> {
  const el = await mount(lang);
  await signIn(el);
  await until(() => expect(q(el, '#queue-heading')).to.exist);
  return el;
}

/**
 * Two ticks two minutes apart on a controlled device clock: a report with 61 minutes left
 * crosses the 60-minute mark, so its warning shows.
 */
async function crossSixtyMinutes(el: HTMLElement & { updateComplete: Promise<unknown> }): Promise<void> {
  let device = Date.now();
  setDeviceClock(() => device);
  tickNow(device);
  device += 2 * MINUTE;
  tickNow(device);
  await el.updateComplete;
}

describe('<lapor-admin-queue>', () => {
  useFakeAdminGateway((g) => (gw = g));
  afterEach(() => setDeviceClock());

  describe('sign in', () => {
    it('asks for the "Token admin" with a "Masuk" button; a wrong token is refused and nothing is kept', async () => {
      const el = await mount();
      expect(text(q(el, 'label[for="token"]'))).to.equal('Token admin');
      expect(text(q(el, '.sign-in button[type="submit"]'))).to.equal('Masuk');
      await signIn(el, 'wrong-token-000000');
      expect(text(q(el, '#sign-in-error'))).to.contain('Token admin tidak dikenal');
      expect(q(el, '#token')!.getAttribute('aria-invalid')).to.equal('true');
      expect(sessionStorage.length).to.equal(0);
    });

    it('a gateway that fails says so at the field, and keeps nothing', async () => {
      worker.use(http.get(`${ADMIN_API}/v1/admin/reports`, () => HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 })));
      const el = await mount();
      await signIn(el);
      await until(() => expect(text(q(el, '#sign-in-error'))).to.equal('Terjadi kesalahan pada server. Coba lagi nanti.'), 5000);
      expect(q(el, '#queue-heading')).to.equal(null);
      expect(sessionStorage.length).to.equal(0);
    });

    it('an empty token is a field error, not a request', async () => {
      const el = await mount();
      q<HTMLButtonElement>(el, '.sign-in button[type="submit"]')!.click();
      await el.updateComplete;
      expect(text(q(el, '#sign-in-error'))).to.equal('Token admin wajib diisi.');
      expect(gw.urls).to.have.length(0);
    });

    it('keeps the token in sessionStorage only, never in a URL or localStorage; signs in again after a reload; sign out forgets it', async () => {
      gw.add(adminReport({ n: 1, leftMs: HOUR }));
      localStorage.clear();
      const el = await signedIn();
      expect(Object.values({ ...sessionStorage })).to.include(TOKEN);
      expect(Object.values({ ...localStorage })).not.to.include(TOKEN);
      await until(() => expect(gw.openStreams).to.equal(1));
      expect(gw.urls.every((u) => !u.includes(TOKEN))).to.equal(true);

      // A reload of the tab: the kept token signs in without asking.
      el.remove();
      const again = await mount();
      await until(() => expect(rowIds(again)).to.deep.equal([trackingId(1)]));

      q<HTMLButtonElement>(again, '.topbar button')!.click();
      await again.updateComplete;
      expect(q(again, '#token')).to.exist;
      expect(Object.values({ ...sessionStorage })).not.to.include(TOKEN);
    });
  });

  describe('the queue', () => {
    it('orders open reports by time left, overdue first under their own heading and banner, each with a countdown', async () => {
      gw.add(
        adminReport({ n: 1, leftMs: 3 * HOUR }),
        adminReport({ n: 2, leftMs: -10 * MINUTE, title: 'Sampah menumpuk di pasar' }),
        adminReport({ n: 3, leftMs: 20 * MINUTE }),
        adminReport({ n: 4, status: 'on_hold' }),
      );
      const el = await signedIn();
      expect(rowIds(el)).to.deep.equal([trackingId(2), trackingId(3), trackingId(1), trackingId(4)]);
      expect(text(q(el, '.overdue-banner'))).to.contain('1 laporan terlambat');
      const late = q(el, '.group.overdue')!;
      expect(text(late.querySelector('h3'))).to.equal('Terlambat');
      expect(late.querySelectorAll('li.row')).to.have.length(1);
      expect(text(late.querySelector('.breach'))).to.contain('Terlambat');
      const row = q(el, `li.row[data-id="${trackingId(3)}"]`)!;
      expect(row.querySelector('lapor-sla-countdown')?.getAttribute('clock-id')).to.equal('local.handle');
      expect(text(row.querySelector('.meta'))).to.contain('Belum diverifikasi');
      await until(() => expect(text(row.querySelector('.meta'))).to.contain('Jalan rusak')); // category name from the reference
      expect(text(row.querySelector('.meta'))).to.contain('Jl. Raya Genteng');
      expect(text(row.querySelector('.meta'))).to.match(/Diterima 30 menit/);
      expect(text(q(el, `li.row[data-id="${trackingId(4)}"]`))).to.contain('Tidak ada batas waktu berjalan');
      expect(text(q(el, '#warnings-heading'))).to.contain('1 laporan harus mulai ditangani dalam 60 menit');
    });

    it("each row's accessible name says its status and time left, so j/k tells how urgent it is", async () => {
      gw.add(adminReport({ n: 1, leftMs: 42 * MINUTE + 30_000 }), adminReport({ n: 2, leftMs: -65 * MINUTE }), adminReport({ n: 3, status: 'on_hold' }));
      const el = await signedIn();
      const name = (id: string) => text(q(el, `button.open[data-id="${id}"]`));
      expect(name(trackingId(1))).to.match(new RegExp(`^${trackingId(1)}.*, Belum diverifikasi, sisa 4[23] menit$`));
      expect(name(trackingId(2))).to.match(/, Belum diverifikasi, terlambat 1 jam 5 menit$/);
      expect(name(trackingId(3))).to.match(/, Ditunda, Tidak ada batas waktu berjalan$/);
      // Not only text in the DOM: Chromium computes it as the button's name (the hidden span is read).
      expect(q(el, `button.open[data-id="${trackingId(1)}"] .visually-hidden`)).to.exist;
    });

    it('filters by status and overdue, and searches tracking numbers in any case, hyphens optional', async () => {
      gw.add(adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: -MINUTE }), adminReport({ n: 3, leftMs: 2 * HOUR, status: 'verified' }));
      const el = await signedIn();
      const select = q<HTMLSelectElement>(el, '.filters select')!;
      select.value = 'verified';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(rowIds(el)).to.deep.equal([trackingId(3)]);
      select.value = '';
      select.dispatchEvent(new Event('change'));

      q<HTMLButtonElement>(el, '.overdue-banner button')!.click();
      await el.updateComplete;
      expect(rowIds(el)).to.deep.equal([trackingId(2)]);
      expect(q<HTMLInputElement>(el, '.filters input[type="checkbox"]')!.checked).to.equal(true);
      q<HTMLInputElement>(el, '.filters input[type="checkbox"]')!.click();
      await el.updateComplete;

      const search = q<HTMLInputElement>(el, '#search')!;
      search.value = trackingId(1).toLowerCase().replaceAll('-', '');
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(rowIds(el)).to.deep.equal([trackingId(1)]);
      search.value = 'LPR-ZZZZ';
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(text(q(el, '.empty'))).to.equal('Tidak ada laporan yang cocok dengan saringan.');
    });

    it('pages 120 reports 50 at a time; j past the last row goes on to the next page', async () => {
      for (let n = 1; n <= 120; n++) gw.add(adminReport({ n, leftMs: n * MINUTE + HOUR }));
      const el = await signedIn();
      expect(qa(el, 'li.row')).to.have.length(50);
      expect(text(q(el, '.pages span'))).to.equal('Halaman 1 dari 3');
      expect(qa(el, 'lapor-sla-countdown')).to.have.length(50);
      qa<HTMLButtonElement>(el, 'button.open')[49]!.focus();
      await sendKeys({ press: 'j' });
      await until(() => expect(text(q(el, '.pages span'))).to.equal('Halaman 2 dari 3'));
      await until(() => expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['id']).to.equal(trackingId(51)));
    });
  });

  describe('keyboard', () => {
    it('j/k move between reports, Enter opens, Escape returns to the same row, / goes to search', async () => {
      gw.add(adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: 2 * HOUR }), adminReport({ n: 3, leftMs: 3 * HOUR }));
      const el = await signedIn();
      await sendKeys({ press: 'j' });
      expect((el.shadowRoot!.activeElement as HTMLElement).dataset['id']).to.equal(trackingId(1));
      await sendKeys({ press: 'j' });
      await sendKeys({ press: 'j' });
      await sendKeys({ press: 'k' });
      await el.updateComplete;
      expect((el.shadowRoot!.activeElement as HTMLElement).dataset['id']).to.equal(trackingId(2));
      await sendKeys({ press: 'Enter' });
      await until(() => expect(text(q(el, '#detail-heading'))).to.contain('Laporan nomor 2'));
      expect(el.shadowRoot!.activeElement?.id).to.equal('detail-heading');
      await sendKeys({ press: 'Escape' });
      await until(() => expect((el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['id']).to.equal(trackingId(2)));
      await sendKeys({ press: '/' });
      expect(el.shadowRoot!.activeElement?.id).to.equal('search');
      // Typing in the search field is typing, not navigation.
      await sendKeys({ type: 'j' });
      expect(q<HTMLInputElement>(el, '#search')!.value).to.equal('j');
    });
  });

  describe('live', () => {
    it('a new report appears, a colleague’s action moves it, a forward elsewhere takes it out; each is announced politely', async () => {
      gw.add(adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: 2 * HOUR }));
      const el = await signedIn();
      await until(() => expect(text(q(el, '.connection'))).to.equal('Pembaruan langsung aktif'));

      gw.push(adminReport({ n: 3, leftMs: 30 * MINUTE, title: 'Laporan baru dari warga' }));
      await until(() => expect(rowIds(el)).to.deep.equal([trackingId(3), trackingId(1), trackingId(2)]));
      await until(() => expect(text(q(el, '[role="status"][aria-live="polite"]'))).to.contain(`Laporan baru masuk: ${trackingId(3)}`));

      // A colleague starts handling no. 1: local.handle stops, it sinks below no. 2.
      const started = adminReport({ n: 1, status: 'in_progress' });
      gw.push({ ...started, updatedAt: new Date().toISOString() }, 'report.status_changed', 'forwarded');
      await until(() => expect(rowIds(el)).to.deep.equal([trackingId(3), trackingId(2), trackingId(1)]));
      expect(text(q(el, `li.row[data-id="${trackingId(1)}"] .status`))).to.equal('Sedang ditangani');

      // Forwarded to another institution: no longer ours.
      gw.push({ ...adminReport({ n: 2, status: 'forwarded', institution: DINKES }), updatedAt: new Date().toISOString() }, 'report.status_changed', 'verified');
      await until(() => expect(rowIds(el)).to.deep.equal([trackingId(3), trackingId(1)]));
      await until(() => expect(text(q(el, '[role="status"][aria-live="polite"]'))).to.contain(`Laporan ${trackingId(2)} keluar dari antrean`));
    });
  });

  describe('warnings before a breach (clock controlled)', () => {
    it('one compact list above the queue, least time left first, with live countdowns and counts; each crossing announced once', async () => {
      const start = Date.now();
      let device = start;
      setDeviceClock(() => device);
      gw.add(
        adminReport({ n: 1, leftMs: 61 * MINUTE, title: 'Pohon tumbang di jalan desa' }),
        adminReport({ n: 2, leftMs: 5 * HOUR }),
        adminReport({ n: 3, leftMs: 40 * MINUTE, title: 'Lampu jalan mati' }),
      );
      const el = await signedIn();
      tickNow(device);
      await el.updateComplete;
      // Already in its last hour when the console opens: listed, not announced as news.
      expect(qa(el, '.warning').map((li) => li.querySelector('.tid')!.textContent)).to.deep.equal([trackingId(3)]);
      expect(text(q(el, '[role="status"][aria-live="polite"]'))).to.equal('');

      device = start + 2 * MINUTE; // 59 minutes left for n=1
      tickNow(device);
      await el.updateComplete;
      // Sorted by time left: n=3 (38 min) before n=1 (59 min); the heading counts both.
      expect(qa(el, '.warning').map((li) => li.querySelector('.tid')!.textContent)).to.deep.equal([trackingId(3), trackingId(1)]);
      expect(text(q(el, '#warnings-heading'))).to.contain('2 laporan harus mulai ditangani dalam 60 menit');
      expect(q(el, `.warning.level-60 button[data-id="${trackingId(1)}"]`)).to.exist;
      // A live countdown on each line, quiet: the console speaks, the countdown does not.
      const countdown = q(el, '.warning.level-60 lapor-sla-countdown') as HTMLElement & { quiet: boolean };
      expect(countdown.quiet).to.equal(true);
      await until(() => expect(text(q(el, '[role="status"][aria-live="polite"]'))).to.contain(`Sisa 60 menit: laporan ${trackingId(1)}`));
      expect(text(q(el, '.console > [role="alert"]'))).to.equal('');

      device = start + 46 * MINUTE + 1000; // 14 minutes 59 seconds left for n=1; n=3 overdue
      tickNow(device);
      await el.updateComplete;
      expect(q(el, `.warning.level-15 button[data-id="${trackingId(1)}"]`)).to.exist;
      await until(() => expect(text(q(el, '.console > [role="alert"]'))).to.equal(`Sisa 15 menit: laporan ${trackingId(1)} “Pohon tumbang di jalan desa” hampir terlambat.`));
      expect(text(q(el, '#warnings-heading'))).to.contain('1 di antaranya dalam 15 menit');
      // No countdown says anything of its own (no double announcement).
      for (const cd of qa(el, 'lapor-sla-countdown')) expect(cd.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('');

      // Past due: the row moves to the overdue group without a reload, and leaves the list.
      device = start + 62 * MINUTE;
      tickNow(device);
      await el.updateComplete;
      expect(text(q(el, '.group.overdue'))).to.contain(trackingId(1));
      expect(q(el, '.warnings')).to.equal(null);

      // Its row opens it.
      q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(1)}"]`)!.click();
      await until(() => expect(text(q(el, '#detail-heading'))).to.contain('Pohon tumbang'));
    });

    it('a crossing is announced at its instant, not at the next tick, and the counts change with it', async () => {
      // 60 minutes and 300 ms left: the shared ticker (whole seconds) would see it ~700 ms late.
      gw.add(adminReport({ n: 1, leftMs: 60 * MINUTE + 1300, title: 'Saluran tersumbat' }));
      const el = await signedIn();
      const crossing = Date.parse([...gw.reports.values()][0]!.clocks.find((c) => c.id === 'local.handle')!.dueAt) - 60 * MINUTE;
      const polite = q(el, '[role="status"][aria-live="polite"]')!;
      const heard = new Promise<number>((resolve) => {
        new MutationObserver(() => {
          if (polite.textContent?.includes('Sisa 60 menit')) resolve(Date.now());
        }).observe(polite, { childList: true, characterData: true, subtree: true });
      });
      const at = await heard;
      const late = at - crossing;
      expect(late, `announced ${late} ms after the crossing`).to.be.within(-50, 250);
      expect(text(q(el, '#warnings-heading'))).to.contain('1 laporan harus mulai ditangani dalam 60 menit');
    });
  });

  describe('accessibility', () => {
    before(() => loadLocale('en'));
    afterEach(() => emulateMedia({ colorScheme: 'light' }));

    it('dark mode: its own colours, and axe finds nothing with overdue rows, warnings and the open report', async () => {
      gw.add(adminReport({ n: 1, leftMs: -5 * MINUTE }), adminReport({ n: 2, leftMs: 61 * MINUTE }), adminReport({ n: 3, leftMs: 3 * HOUR }));
      // A page that supports dark, as /admin.html says with <meta name="color-scheme" content="light dark">.
      const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'light dark' });
      document.head.append(meta);
      try {
        await emulateMedia({ colorScheme: 'dark' });
        const el = await signedIn();
        await until(() => expect(rowIds(el)).to.have.length(3));
        expect(getComputedStyle(el).backgroundColor).to.equal('rgb(22, 25, 29)');
        await crossSixtyMinutes(el);
        await expect(el).to.be.accessible();
        qa<HTMLButtonElement>(el, 'button.open')[0]!.click();
        await until(() => expect(q(el, 'button[data-action]')).to.exist);
        await expect(el).to.be.accessible();
      } finally {
        meta.remove();
      }
    });

    for (const lang of ['id', 'en']) {
      it(`axe finds nothing: sign-in, queue with overdue and warnings, detail (${lang})`, async () => {
        gw.add(adminReport({ n: 1, leftMs: -5 * MINUTE }), adminReport({ n: 2, leftMs: 61 * MINUTE }), adminReport({ n: 3, leftMs: 3 * HOUR, status: 'verified' }));
        const el = await mount(lang);
        await expect(el).to.be.accessible();
        await signIn(el);
        await until(() => expect(rowIds(el)).to.have.length(3));
        await crossSixtyMinutes(el);
        expect(q(el, '.warning')).to.exist;
        await expect(el).to.be.accessible();
        qa<HTMLButtonElement>(el, 'button.open')[2]!.click();
        await until(() => expect(q(el, 'button[data-action="forward"]')).to.exist);
        await expect(el).to.be.accessible();
        q<HTMLButtonElement>(el, 'button[data-action="forward"]')!.click();
        await until(() => expect(q(el, '.action-form')).to.exist);
        await expect(el).to.be.accessible();
      });
    }
  });
});
