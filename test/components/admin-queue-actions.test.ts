/**
 * `<lapor-admin-queue>`, one report open: reporter only when the gateway sends one, every
 * clock and the timeline, only the actions the status allows (the gateway's table), each
 * action's form and request, a colleague's 409 explained, an expired token; and the
 * compliance view (table + SVG bars), axe-clean.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { HttpResponse } from 'msw';
import '../../src/components/admin-queue/admin-queue.js';
import type { AdminActionDetail, LaporAdminQueue } from '../../src/components/admin-queue/admin-queue.component.js';
import {
  ADMIN_API,
  FakeAdminGateway,
  GENTENG,
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

const actions = (el: Element) => qa(el, 'button[data-action]').map((b) => b.dataset['action']);

let gw: FakeAdminGateway;

async function openReport(n: number): Promise<LaporAdminQueue> {
  sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
  const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
  await until(() => expect(q(el, `button.open[data-id="${trackingId(n)}"]`)).to.exist);
  q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(n)}"]`)!.click();
  await until(() => expect(q(el, '.detail .facts')).to.exist);
  return el;
}

function type(el: LaporAdminQueue, selector: string, value: string): void {
  const field = q<HTMLInputElement | HTMLTextAreaElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
}

async function submitForm(el: LaporAdminQueue): Promise<void> {
  q<HTMLButtonElement>(el, '.action-form button[type="submit"]')!.click();
  await el.updateComplete;
}

describe('<lapor-admin-queue> detail and actions', () => {
  useFakeAdminGateway((g) => (gw = g));

  it('shows the reporter the gateway sends, every clock and the timeline; an anonymous report says so', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: 2 * HOUR, anonymous: true, reporter: null }));
    const el = await openReport(1);
    expect(text(q(el, '.facts'))).to.contain('Siti Aminah · 081234567890');
    expect(text(q(el, '.facts'))).to.contain('Kecamatan Genteng');
    expect(q(el, '.clocks lapor-sla-countdown')).to.exist;
    expect(qa(el, '.timeline li').length).to.be.greaterThan(0);
    expect(text(q(el, '.detail .body'))).to.contain('Sudah dua motor jatuh.');

    q<HTMLButtonElement>(el, 'button.back')!.click();
    await until(() => expect(q(el, `button.open[data-id="${trackingId(2)}"]`)).to.exist);
    q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(2)}"]`)!.click();
    await until(() => expect(text(q(el, '.facts'))).to.contain('Anonim — nama pelapor tidak ditampilkan'));
    expect(text(q(el, '.facts'))).not.to.contain('Siti');
  });

  it('offers only what the status allows, named as in the glossary', async () => {
    gw.add(
      adminReport({ n: 1, leftMs: HOUR }),
      adminReport({ n: 2, status: 'in_progress' }),
      adminReport({ n: 3, status: 'on_hold' }),
      adminReport({ n: 4, status: 'forwarded', leftMs: HOUR }),
    );
    const el = await openReport(1);
    expect(actions(el)).to.deep.equal(['verify', 'hold', 'archive']);
    expect(qa(el, 'button[data-action]').map((b) => text(b))).to.deep.equal(['Verifikasi', 'Tunda', 'Arsipkan']);
    for (const [n, expected] of [
      [2, ['respond', 'hold', 'archive']],
      [3, ['resume', 'archive']],
      [4, ['forward', 'start', 'hold', 'archive']],
    ] as const) {
      q<HTMLButtonElement>(el, 'button.back')!.click();
      await until(() => expect(q(el, `button.open[data-id="${trackingId(n)}"]`)).to.exist);
      q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(n)}"]`)!.click();
      await until(() => expect(actions(el)).to.deep.equal([...expected]));
    }
    expect(text(q(el, 'button[data-action="start"]'))).to.equal('Tindak lanjuti');
    expect(text(q(el, 'button[data-action="forward"]'))).to.equal('Teruskan');
  });

  it('Verifikasi: one request, the new status, lapor-admin-action, and the report counts as "mine"', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }), adminReport({ n: 2, leftMs: 2 * HOUR }));
    const el = await openReport(1);
    const fired = oneEvent(el, 'lapor-admin-action');
    q<HTMLButtonElement>(el, 'button[data-action="verify"]')!.click();
    const event = (await fired) as CustomEvent<AdminActionDetail>;
    expect(event.detail).to.deep.equal({ trackingId: trackingId(1), action: 'verify' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(gw.transitions).to.deep.equal([{ trackingId: trackingId(1), input: { action: 'verify' } }]);
    await until(() => expect(text(q(el, '.notice.done'))).to.equal(`Laporan ${trackingId(1)}: Terverifikasi.`));
    expect(actions(el)).to.deep.equal(['forward', 'hold', 'archive']);

    q<HTMLButtonElement>(el, 'button.back')!.click();
    await until(() => expect(q(el, '.filters')).to.exist);
    const mine = qa<HTMLInputElement>(el, '.filters input[type="checkbox"]')[1]!;
    mine.click();
    await el.updateComplete;
    expect(qa(el, 'li.row').map((li) => li.dataset['id'])).to.deep.equal([trackingId(1)]);
  });

  it('a colleague acted first (409): explained with the status it now has, and the actions follow it', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }));
    const el = await openReport(1);
    gw.nextTransition = (_input, report) => {
      gw.reports.set(report.trackingId, { ...report, status: 'verified', updatedAt: new Date().toISOString() });
      return HttpResponse.json({ error: { code: 'illegal_transition', message: 'Laporan berstatus "Terverifikasi" tidak dapat di-verifikasi.' } }, { status: 409 });
    };
    q<HTMLButtonElement>(el, 'button[data-action="verify"]')!.click();
    await until(() => expect(text(q(el, '.notice.error'))).to.contain('Admin lain baru saja mengubah laporan ini'));
    expect(text(q(el, '.notice.error'))).to.contain('“Terverifikasi”');
    expect(q(el, '.notice.error')!.getAttribute('role')).to.equal('alert');
    expect(actions(el)).to.deep.equal(['forward', 'hold', 'archive']);
    expect(text(q(el, '.detail .meta .status'))).to.equal('Terverifikasi');
  });

  it('Teruskan: a searchable list of institutions, a choice required, then one forward request', async () => {
    gw.add(adminReport({ n: 1, status: 'verified', leftMs: HOUR }));
    const el = await openReport(1);
    q<HTMLButtonElement>(el, 'button[data-action="forward"]')!.click();
    await until(() => expect(el.shadowRoot!.activeElement?.id).to.equal('institution-search'));
    expect(q(el, 'button[data-action="forward"]')!.getAttribute('aria-expanded')).to.equal('true');
    // Its own institution first (a report is forwarded to it before it can be taken up), then the rest.
    await until(() => expect(qa(el, '.action-form label.choice').map((l) => text(l))).to.deep.equal(['Kecamatan Genteng', 'Dinas Kesehatan', 'Puskesmas Kabat']));
    type(el, '#institution-search', 'kabat');
    await el.updateComplete;
    expect(qa(el, '.action-form label.choice').map((l) => text(l))).to.deep.equal(['Puskesmas Kabat']);
    await submitForm(el);
    expect(text(q(el, '#form-error'))).to.equal('Pilih instansi tujuan.');
    expect(gw.transitions).to.have.length(0);
    q<HTMLInputElement>(el, '.action-form input[value="pkm-kabat"]')!.click();
    await submitForm(el);
    await until(() => expect(gw.transitions).to.deep.equal([{ trackingId: trackingId(1), input: { action: 'forward', institutionId: 'pkm-kabat' } }]));
  });

  it('Tanggapi needs a response; Arsipkan needs a reason; Tunda takes one optionally', async () => {
    gw.add(adminReport({ n: 1, status: 'in_progress' }), adminReport({ n: 2, leftMs: HOUR }), adminReport({ n: 3, leftMs: 2 * HOUR }));
    const el = await openReport(1);
    q<HTMLButtonElement>(el, 'button[data-action="respond"]')!.click();
    await until(() => expect(el.shadowRoot!.activeElement?.id).to.equal('action-text'));
    await submitForm(el);
    expect(text(q(el, '#form-error'))).to.equal('Tulis minimal 2 karakter.');
    expect(q(el, '#action-text')!.getAttribute('aria-invalid')).to.equal('true');
    type(el, '#action-text', 'Jalan sudah ditambal oleh Dinas PU pagi ini.');
    await submitForm(el);
    await until(() => expect(gw.transitions.at(-1)?.input).to.deep.equal({ action: 'respond', message: 'Jalan sudah ditambal oleh Dinas PU pagi ini.' }));

    q<HTMLButtonElement>(el, 'button.back')!.click();
    await until(() => expect(q(el, `button.open[data-id="${trackingId(2)}"]`)).to.exist);
    q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(2)}"]`)!.click();
    await until(() => expect(q(el, 'button[data-action="archive"]')).to.exist);
    q<HTMLButtonElement>(el, 'button[data-action="archive"]')!.click();
    await el.updateComplete;
    await submitForm(el);
    expect(text(q(el, '#form-error'))).to.equal('Tulis minimal 2 karakter.');
    type(el, '#action-text', 'Laporan ganda');
    await submitForm(el);
    await until(() => expect(gw.transitions.at(-1)?.input).to.deep.equal({ action: 'archive', reason: 'Laporan ganda' }));

    q<HTMLButtonElement>(el, 'button.back')!.click();
    await until(() => expect(q(el, `button.open[data-id="${trackingId(3)}"]`)).to.exist);
    q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(3)}"]`)!.click();
    await until(() => expect(q(el, 'button[data-action="hold"]')).to.exist);
    q<HTMLButtonElement>(el, 'button[data-action="hold"]')!.click();
    await el.updateComplete;
    await submitForm(el);
    await until(() => expect(gw.transitions.at(-1)?.input).to.deep.equal({ action: 'hold' }));
  });

  it('an expired token during an action signs out and says why', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }));
    const el = await openReport(1);
    gw.nextTransition = () => HttpResponse.json({ error: { code: 'unauthorized', message: 'x' } }, { status: 401 });
    q<HTMLButtonElement>(el, 'button[data-action="verify"]')!.click();
    await until(() => expect(text(q(el, '#sign-in-error'))).to.equal('Token admin tidak berlaku lagi. Silakan masuk kembali.'));
    expect(sessionStorage.getItem(`lapor-admin:token:${ADMIN_API}`)).to.equal(null);
  });
});

describe('<lapor-admin-queue> compliance', () => {
  useFakeAdminGateway((g) => (gw = g));

  it('asks for the last 7 days (WIB) and shows the table and the bars; axe-clean', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }));
    gw.compliance = {
      from: '2026-11-23T17:00:00.000Z',
      to: '2026-11-30T17:00:00.000Z',
      serverTime: new Date().toISOString(),
      items: [
        { institutionId: GENTENG.id, name: GENTENG.name, kind: 'kecamatan', limitHours: 2, received: 12, handled: 9, withinLimit: 6, openLate: 1, shareWithinLimit: 0.6, medianFirstHandlingMs: 95 * MINUTE, overdueNow: 2 },
      ],
    };
    sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
    const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
    await until(() => expect(q(el, '.views')).to.exist);
    qa<HTMLButtonElement>(el, '.views button')[1]!.click();
    await until(() => expect(q(el, 'table.figures')).to.exist);
    const url = new URL(gw.urls.find((u) => u.includes('/compliance'))!);
    const from = Date.parse(url.searchParams.get('from')!);
    const to = Date.parse(url.searchParams.get('to')!);
    expect(to - from).to.equal(7 * 24 * HOUR);
    expect(new Date(from).getUTCHours()).to.equal(17, 'midnight WIB');
    const cells = qa(el, 'tbody tr td').map((td) => text(td));
    expect(text(q(el, 'tbody th'))).to.contain('Kecamatan Genteng');
    expect(text(q(el, 'tbody th'))).to.contain('batas 2 jam');
    expect(cells).to.deep.equal(['12', '1 jam 35 menit', '60% (6 dari 10)', '2']);
    const bar = q<SVGRectElement>(el, 'svg.bar rect.fill')!;
    expect(bar.getAttribute('width')).to.equal('60');
    expect(q(el, '.bars li')!.className).to.contain('fair');
    await expect(el).to.be.accessible();
  });

  it('refuses an end date before the start date without asking the gateway', async () => {
    sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
    const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
    await until(() => expect(q(el, '.views')).to.exist);
    qa<HTMLButtonElement>(el, '.views button')[1]!.click();
    await until(() => expect(q(el, '.period')).to.exist);
    await until(() => expect(text(q(el, '.compliance .empty'))).to.equal('Tidak ada laporan pada periode ini.'));
    const [fromInput, toInput] = qa<HTMLInputElement>(el, '.period input');
    fromInput!.value = '2026-11-20';
    fromInput!.dispatchEvent(new Event('input'));
    toInput!.value = '2026-11-10';
    toInput!.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(el, '.period button')!.click();
    await until(() => expect(text(q(el, '.compliance .notice.error'))).to.equal('Tanggal akhir tidak boleh sebelum tanggal awal.'));
    expect(gw.urls.filter((u) => u.includes('/compliance'))).to.have.length(1);
  });
});
