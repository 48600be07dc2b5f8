/**
 * `<lapor-admin-queue>` and the escalation chain (issue 28): the link in an escalation
 * message (`/admin.html#LPR-…`) opens that report once signed in; its detail lists every
 * step (who, when, what became of it) and puts the sent ones on the timeline; the
 * compliance view links to the public board. Axe clean.
 */
import { expect, fixture, html } from '@open-wc/testing';
import * as z from 'zod/mini';
import '../../src/components/admin-queue/admin-queue.js';
import type { LaporAdminQueue } from '../../src/components/admin-queue/admin-queue.component.js';
import { AdminReport, ComplianceReport } from '../../src/contract/index.js';
import { ADMIN_API, FakeAdminGateway, HOUR, MINUTE, TOKEN, adminReport, q, qa, text, trackingId, until, useFakeAdminGateway } from './admin-queue-fixture.js';

let gw: FakeAdminGateway;
const iso = (ms: number) => new Date(ms).toISOString();

function withSteps(n: number): AdminReport {
  const base = adminReport({ n, leftMs: 30 * MINUTE });
  const due = Date.parse(base.clocks[0]!.dueAt);
  const sent = due - 60 * MINUTE;
  return z.parse(AdminReport, {
    ...base,
    escalations: [
      { institutionId: 'opd-dinkes', at: -60, to: 'institution', urgent: false, dueAt: iso(due - 60 * MINUTE), sendAt: iso(due - 60 * MINUTE), state: 'sent', firedAt: iso(sent), sentAt: iso(sent + 2000), recipients: 1, channels: ['email'] },
      { institutionId: 'kec-genteng', at: -60, to: 'institution', urgent: false, dueAt: iso(due - 60 * MINUTE), sendAt: iso(due - 60 * MINUTE), state: 'sent', firedAt: iso(sent), sentAt: iso(sent + 5000), recipients: 2, channels: ['email', 'whatsapp'] },
      { institutionId: 'kec-genteng', at: -15, to: 'head', urgent: false, dueAt: iso(due - 15 * MINUTE), sendAt: iso(due - 15 * MINUTE), state: 'planned', firedAt: null, sentAt: null, recipients: 1, channels: ['email'] },
      { institutionId: 'kec-genteng', at: 0, to: 'regent', urgent: false, dueAt: iso(due), sendAt: iso(due + 10 * HOUR), state: 'held', firedAt: null, sentAt: null, recipients: 1, channels: ['email'] },
      { institutionId: 'kec-genteng', at: 30, to: 'regent', urgent: true, dueAt: iso(due + 30 * MINUTE), sendAt: iso(due + 30 * MINUTE), state: 'no_contact', firedAt: iso(due + 30 * MINUTE), sentAt: null, recipients: 0, channels: [] },
    ],
  });
}

describe('<lapor-admin-queue> escalation', () => {
  useFakeAdminGateway((g) => (gw = g));
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('the link of an escalation message opens its report, whose detail lists every step and the sent ones on its timeline', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }), withSteps(2));
    history.replaceState(null, '', `#${trackingId(2)}`);
    sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
    const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
    await until(() => expect(q(el, '.escalations li')).to.exist);
    expect(text(q(el, '#detail-heading'))).to.contain(trackingId(2));
    expect(text(q(el, '#escalations-heading'))).to.equal('Eskalasi');
    const steps = qa(el, '.escalations li');
    expect(steps.map((li) => li.dataset['state'])).to.deep.equal(['sent', 'sent', 'planned', 'held', 'no_contact']);
    expect(text(steps[0])).to.match(/^Admin instansi 1 jam sebelum batas waktu untuk Dinas Kesehatan Terkirim .+ WIB 1 penerima \(email\)$/);
    expect(text(steps[1])).to.match(/^Admin instansi 1 jam sebelum batas waktu Terkirim .+ WIB 2 penerima \(email, WhatsApp\)$/);
    expect(text(steps[2])).to.match(/^Kepala instansi 15 menit sebelum batas waktu Dijadwalkan .+ WIB 1 penerima \(email\)$/);
    expect(text(steps[3])).to.match(/^Bupati Saat batas waktu Ditahan sampai jam layanan penerima: .+ WIB/);
    expect(text(steps[4])).to.equal('Bupati 30 menit setelah batas waktu (mendesak: tidak menunggu jam layanan) Tidak dikirim: tidak ada kontak untuk penerima ini');
    const timeline = qa(el, 'section.timeline:not(.escalations) li').map((li) => text(li));
    expect(timeline.filter((t) => t.includes('Eskalasi ke Admin instansi'))).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('a report without escalation data shows no escalation section', async () => {
    gw.add(adminReport({ n: 1, leftMs: HOUR }));
    history.replaceState(null, '', `#${trackingId(1).toLowerCase()}`);
    sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
    const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
    await until(() => expect(q(el, '.detail .facts')).to.exist);
    expect(q(el, '.escalations')).to.equal(null);
  });

  it('the compliance view links to the public board', async () => {
    gw.compliance = z.parse(ComplianceReport, {
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
      serverTime: iso(Date.now()),
      items: [],
      boardUrl: 'https://lapor.banyuwangikab.go.id/kinerja.html',
    });
    sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
    const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API}></lapor-admin-queue>`);
    await until(() => expect(q(el, '#queue-heading')).to.exist);
    const tab = qa<HTMLButtonElement>(el, 'nav.views button.tab').find((b) => text(b) === 'Kepatuhan')!;
    tab.click();
    await until(() => expect(q(el, 'a.board-link')).to.exist);
    const link = q<HTMLAnchorElement>(el, 'a.board-link')!;
    expect(link.getAttribute('href')).to.equal('https://lapor.banyuwangikab.go.id/kinerja.html');
    expect(text(link)).to.equal('Lihat papan kinerja publik');
    await expect(el).to.be.accessible();
  });
});
