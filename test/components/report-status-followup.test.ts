/**
 * `<lapor-report-status>` follow-ups: the citizen's reply while `responded` and the one
 * rating once `completed`, keyboard only, with their failures (422, 409, network) —
 * nothing typed is lost on any of them.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/report-status/report-status.js';
import type { LaporReportStatus } from '../../src/components/report-status/report-status.component.js';
import type { Report } from '../../src/contract/index.js';
import { loadLocale } from '../../src/i18n/load.js';
import { API, FakeGateway, SITE_KEY, errorBody, until } from '../fixtures/fake-gateway.js';
import { TOKEN_A, TRACKING_A, buildReport } from '../fixtures/report-fixtures.js';
import { useFakeGateway } from '../fixtures/use-fake-gateway.js';
import { HttpResponse } from 'msw';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

let gw: FakeGateway;
const bump = (r: Report) => new Date(Date.parse(r.updatedAt) + 60_000).toISOString();
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function mount(report: Report, lang = 'id'): Promise<LaporReportStatus> {
  gw.add(report, TOKEN_A);
  const el = await fixture<LaporReportStatus>(html`<lapor-report-status
    api=${API}
    site-key=${SITE_KEY}
    lang=${lang}
    tracking-id=${TRACKING_A}
    access-token=${TOKEN_A}
    live="false"
  ></lapor-report-status>`);
  await until(() => expect(q(el, 'article')).to.exist);
  await el.updateComplete;
  return el;
}

function withReply(stored: Report, message: string): Report {
  return buildReport({
    ...stored,
    responses: [...stored.responses, { id: 'reply-1', at: bump(stored), author: 'citizen', message }],
    updatedAt: bump(stored),
  });
}

describe('<lapor-report-status> reply', () => {
  useFakeGateway((fresh) => (gw = fresh));
  before(() => loadLocale('en'));

  const responded = () => buildReport({ status: 'responded', replyUntil: later(10) });

  it('sends a reply with the keyboard only, then clears the field and says so', async () => {
    gw.followUp = (input, stored) => withReply(stored, (input as { message: string }).message);
    const el = await mount(responded());
    await expect(el).to.be.accessible();
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('reply');
    await sendKeys({ type: 'Sudah saya cek, lubangnya masih ada.' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.tagName).to.equal('BUTTON');
    await sendKeys({ press: 'Enter' });

    await until(() => expect(gw.followUpBodies).to.have.length(1));
    expect(gw.followUpBodies[0]).to.deep.equal({ kind: 'reply', message: 'Sudah saya cek, lubangnya masih ada.' });
    await until(() => expect(q<HTMLTextAreaElement>(el, '#reply')!.value).to.equal(''));
    expect(text(q(el, '.response.citizen .message'))).to.equal('Sudah saya cek, lubangnya masih ada.');
    await until(() => expect(text(q(el, '[aria-live="polite"]'))).to.equal('Balasan Anda terkirim.'));
    // WCAG 2.4.3: focus lands on the reply just added, never on <body> (issue 24).
    await until(() => expect(focused(el)?.id).to.equal('response-reply-1'));
    expect(document.activeElement).to.equal(el);
    // And while it was sending, the button kept focus (aria-disabled, not disabled).
    expect(q(el, '[part~="reply-form"] button')!.hasAttribute('disabled')).to.equal(false);
  });

  it('names the field when the reply is empty, focuses it, and sends nothing', async () => {
    const el = await mount(responded());
    q<HTMLButtonElement>(el, '[part~="reply-form"] button')!.click();
    await el.updateComplete;
    await until(() => expect(focused(el)?.id).to.equal('reply'));
    expect(text(q(el, '#reply-error'))).to.equal('Balasan wajib diisi.');
    expect(q(el, '#reply')!.getAttribute('aria-invalid')).to.equal('true');
    expect(q(el, '#reply')!.getAttribute('aria-describedby')).to.equal('reply-error');
    expect(gw.counts.followups).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows a 422 on the field, in the page language, keeping the text', async () => {
    gw.followUp = () =>
      HttpResponse.json(
        { error: { code: 'validation_failed', message: 'x', fields: [{ path: 'message', code: 'too_long', message: 'Your reply is too long: at most 2000 characters.' }] } },
        { status: 422 },
      );
    const el = await mount(responded(), 'en');
    const area = q<HTMLTextAreaElement>(el, '#reply')!;
    area.focus();
    await sendKeys({ type: 'Masih rusak' });
    q<HTMLButtonElement>(el, '[part~="reply-form"] button')!.click();
    await until(() => expect(q(el, '#reply-error')).to.exist);
    expect(text(q(el, '#reply-error'))).to.match(/^Your reply is too long/);
    expect(area.value).to.equal('Masih rusak');
  });

  it('on 409 explains the report moved on, refreshes it, and keeps the text', async () => {
    gw.followUp = () => errorBody('illegal_transition', 409);
    const el = await mount(responded());
    const gets = gw.counts.get;
    q<HTMLTextAreaElement>(el, '#reply')!.focus();
    await sendKeys({ type: 'Tolong dicek lagi' });
    q<HTMLButtonElement>(el, '[part~="reply-form"] button')!.click();
    await until(() => expect(q(el, '.send-error')).to.exist);
    expect(text(q(el, '.send-error'))).to.equal('Laporan ini sudah tidak dapat dibalas. Status terbaru sedang dimuat.');
    await until(() => expect(gw.counts.get).to.be.greaterThan(gets));
    expect(q<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('Tolong dicek lagi');
  });

  it('on a network failure keeps the text and retries from the same button', async () => {
    gw.followUp = (input, stored) => withReply(stored, (input as { message: string }).message);
    const el = await mount(buildReport({ status: 'responded', replyUntil: later(10) }));
    gw.down = true;
    q<HTMLTextAreaElement>(el, '#reply')!.focus();
    await sendKeys({ type: 'Balasan saya' });
    const button = q<HTMLButtonElement>(el, '[part~="reply-form"] button')!;
    button.click();
    await until(() => expect(q(el, '.send-error')).to.exist);
    expect(text(q(el, '.send-error'))).to.contain('tidak ada koneksi');
    expect(q<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('Balasan saya');
    expect(text(button)).to.equal('Coba lagi');
    await expect(el).to.be.accessible();

    gw.down = false;
    button.click();
    await until(() => expect(q<HTMLTextAreaElement>(el, '#reply')!.value).to.equal(''));
    expect(q(el, '.send-error')).to.equal(null);
    expect(gw.followUpBodies).to.deep.equal([{ kind: 'reply', message: 'Balasan saya' }]);
  });

  it('offers no reply once replyUntil has passed, nor before a response', async () => {
    const late = await mount(buildReport({ status: 'responded', replyUntil: '2020-01-01T00:00:00.000Z' }));
    expect(q(late, '[part~="reply-form"]')).to.equal(null);
    const early = await mount(buildReport({ status: 'in_progress' }));
    expect(q(early, '[part~="reply-form"]')).to.equal(null);
  });
});

describe('<lapor-report-status> rating', () => {
  useFakeGateway((fresh) => (gw = fresh));

  const rated = (stored: Report, score: number, comment?: string) =>
    buildReport({ ...stored, rating: { score, comment: comment ?? null, at: bump(stored) }, updatedAt: bump(stored) });

  it('rates with the keyboard only (arrow keys pick the score), once', async () => {
    gw.followUp = (input, stored) => {
      const r = input as { score: number; comment?: string };
      return rated(stored, r.score, r.comment);
    };
    const el = await mount(buildReport({ status: 'completed' }));
    await expect(el).to.be.accessible();
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    expect((focused(el) as HTMLInputElement).name).to.equal('score');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect((focused(el) as HTMLInputElement).value).to.equal('4');
    expect((focused(el) as HTMLInputElement).checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('rating-comment');
    await sendKeys({ type: 'Cepat ditangani' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });

    await until(() => expect(q(el, '[part~="rating-form"]')).to.equal(null));
    expect(gw.followUpBodies).to.deep.equal([{ kind: 'rating', score: 4, comment: 'Cepat ditangani' }]);
    expect(text(q(el, '.rated'))).to.equal('Penilaian Anda: 4 dari 5.');
    // WCAG 2.4.3: the form it replaced is gone; focus lands on the rating given, not on <body>.
    await until(() => expect(focused(el)?.id).to.equal('rating-given'));
    expect(document.activeElement).to.equal(el);
  });

  it('labels every star with text', async () => {
    const el = await mount(buildReport({ status: 'completed' }), 'en');
    const labels = [...el.shadowRoot!.querySelectorAll('.star .text')].map((n) => text(n));
    expect(labels).to.deep.equal([
      '1 of 5: Very dissatisfied',
      '2 of 5: Dissatisfied',
      '3 of 5: Fair',
      '4 of 5: Satisfied',
      '5 of 5: Very satisfied',
    ]);
    expect(text(q(el, 'legend'))).to.equal('How satisfied are you with how this report was handled?');
  });

  it('asks for a score before sending', async () => {
    const el = await mount(buildReport({ status: 'completed' }));
    q<HTMLButtonElement>(el, '[part~="rating-form"] button')!.click();
    await until(() => expect(q(el, '#score-error')).to.exist);
    expect(text(q(el, '#score-error'))).to.equal('Penilaian wajib diisi.');
    expect(focused(el)?.getAttribute('name')).to.equal('score');
    expect(gw.counts.followups).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('keeps the chosen score and comment through a network failure and a 409', async () => {
    const el = await mount(buildReport({ status: 'completed' }));
    gw.down = true;
    q<HTMLInputElement>(el, 'input[name="score"][value="2"]')!.click();
    q<HTMLTextAreaElement>(el, '#rating-comment')!.focus();
    await sendKeys({ type: 'Lambat' });
    q<HTMLButtonElement>(el, '[part~="rating-form"] button')!.click();
    await until(() => expect(q(el, '.send-error')).to.exist);
    expect(q<HTMLInputElement>(el, 'input[name="score"]:checked')!.value).to.equal('2');
    expect(q<HTMLTextAreaElement>(el, '#rating-comment')!.value).to.equal('Lambat');

    gw.down = false;
    gw.followUp = () => errorBody('conflict', 409);
    q<HTMLButtonElement>(el, '[part~="rating-form"] button')!.click();
    await until(() => expect(text(q(el, '.send-error'))).to.equal('Laporan ini sudah dinilai atau belum dapat dinilai.'));
    expect(q<HTMLInputElement>(el, 'input[name="score"]:checked')!.value).to.equal('2');
  });

  it('shows the rating instead of the form once one exists', async () => {
    const el = await mount(rated(buildReport({ status: 'completed' }), 5));
    expect(q(el, '[part~="rating-form"]')).to.equal(null);
    expect(text(q(el, '.rated'))).to.equal('Penilaian Anda: 5 dari 5.');
  });
});
