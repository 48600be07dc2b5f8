/**
 * `<lapor-admin-queue>` says which channel a report came in by (issue 26): "WhatsApp" in
 * its row and in its detail, in both languages; and what a chat carried (title, story,
 * place) is rendered as text, never as markup, in the row and the detail.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/admin-queue/admin-queue.js';
import type { LaporAdminQueue } from '../../src/components/admin-queue/admin-queue.component.js';
import { loadLocale } from '../../src/i18n/load.js';
import { ADMIN_API, FakeAdminGateway, HOUR, TOKEN, adminReport, q, text, trackingId, until, useFakeAdminGateway } from './admin-queue-fixture.js';

let gw: FakeAdminGateway;
useFakeAdminGateway((g) => (gw = g));

const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>Jalan</b> rusak parah di depan pasar';

async function open(lang: string): Promise<LaporAdminQueue> {
  sessionStorage.setItem(`lapor-admin:token:${ADMIN_API}`, TOKEN);
  const el = await fixture<LaporAdminQueue>(html`<lapor-admin-queue api=${ADMIN_API} lang=${lang}></lapor-admin-queue>`);
  await until(() => expect(q(el, 'li.row')).to.exist);
  return el;
}

describe('<lapor-admin-queue>: the channel', () => {
  beforeEach(() => {
    gw.add(
      { ...adminReport({ n: 1, leftMs: 3 * HOUR, title: HOSTILE }), channel: 'whatsapp', body: `${HOSTILE}. Sudah dua minggu.`, location: { text: '<script>x()</script> Genteng' } },
      adminReport({ n: 2, leftMs: 2 * HOUR }),
    );
  });

  it('says WhatsApp in the row and the detail, and renders what the chat carried as text', async () => {
    const el = await open('id');
    const row = q(el, `li.row[data-id="${trackingId(1)}"]`)!;
    expect(text(row.querySelector('.channel'))).to.equal('WhatsApp');
    expect(text(q(el, `li.row[data-id="${trackingId(2)}"] .channel`))).to.equal('Situs web');
    expect(text(row)).to.contain('<img src=x onerror="window.__pwned=1"><b>Jalan</b> rusak');
    expect(row.querySelector('img, b, script')).to.equal(null);

    q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(1)}"]`)!.click();
    await until(() => expect(q(el, '.detail .facts')).to.exist);
    const facts = q(el, '.detail .facts')!;
    expect(text(facts)).to.contain('Saluran WhatsApp');
    expect(text(q(el, '.detail .body'))).to.contain(HOSTILE);
    expect(text(facts)).to.contain('<script>x()</script> Genteng');
    expect(q(el, '.detail')!.querySelector('img, b, script')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('in English', async () => {
    await loadLocale('en');
    const el = await open('en');
    expect(text(q(el, `li.row[data-id="${trackingId(2)}"] .channel`))).to.equal('Website');
    q<HTMLButtonElement>(el, `button.open[data-id="${trackingId(1)}"]`)!.click();
    await until(() => expect(q(el, '.detail .facts')).to.exist);
    expect(text(q(el, '.detail .facts'))).to.contain('Channel WhatsApp');
  });
});
