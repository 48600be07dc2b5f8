/**
 * `<lapor-report-form>`'s screens once a report is sent: the confirmation (GOV.UK
 * confirmation pattern: the outcome, the reference, what happens next with the 4-hour
 * promise and its time, where news will go) and the report shown in place. A chunk of
 * its own, fetched right after the form's first render (not needed to submit, so not in
 * the "form can submit" budget, and there before a queued report is sent offline-first).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatAccessCode } from '../../contract/access-code.js';
import type { Report } from '../../contract/report.js';
import { formatTrackingId } from '../../contract/tracking-id.js';
import type { Translate } from '../../i18n/catalog.js';
import { clockTime, dueWords } from '../shared/deadline-words.js';
import '../../i18n/register/after-submit.js';

export { confirmationStyles } from './confirmation.styles.js';

/** The status view, for showing the report in place (its own chunk, as in the widget). */
export const loadStatusView = (): Promise<unknown> => import('../report-status/report-status.js');

/** A channel the citizen asked updates on, and where (their number or address, as typed). */
export type UpdateChannel = ReturnType<typeof import('./after-submit.js').updatesOf>[number];

/**
 * "Apa yang terjadi selanjutnya" (GOV.UK confirmation pattern): who should start handling
 * it and by when (the 4-hour promise, 2 hours for a camat, from the gateway's clock), and
 * where we will send news, if the citizen asked.
 */
function whatNext(t: Translate, v: SuccessView): TemplateResult {
  const report = v.report;
  const clock = report?.clocks.find((c) => c.id === 'local.handle' && c.state === 'running');
  const who = report?.institution?.name ?? t('confirm.who.officers');
  const promise = clock
    ? t('confirm.next.handle', {
        who,
        due: dueWords(t, clock, v.now, v.locale),
        limit: t(clock.limit.unit === 'hours' ? 'duration.hours' : 'duration.workingDays', { n: clock.limit.amount }),
      })
    : t('confirm.next.checked');
  const updates = v.updates.length
    ? t('confirm.next.updates', { channels: v.updates.map((u) => t(`confirm.channel.${u.channel}`, { contact: u.contact })).join(t('confirm.and')) })
    : t('confirm.next.noUpdates');
  return html`<h3>${t('confirm.next.heading')}</h3>
    <ul class="next-steps">
      <li>${promise}</li>
      <li>${updates}</li>
    </ul>`;
}

/** What the form hands to its screens once a report is sent (the element keeps the state). */
export interface SentReport {
  trackingId: string;
  accessToken: string;
  report?: Report;
  updates: UpdateChannel[];
}

export interface SentHost {
  t: Translate;
  locale: string;
  lang: string | undefined;
  api: string | undefined;
  siteKey: string | undefined;
  /** Server time now (ms). */
  now: number;
  result: SentReport;
  tracking: boolean;
  /** Fire `lapor-track`; false when a `<lapor-widget>` around the form took it. */
  emitTrack(detail: { trackingId: string; accessToken: string }): boolean;
  /** Show the report in place ("Lacak laporan" on an inline form). */
  showTracking(): void;
  another(): void;
  requestUpdate(): void;
}

/** Per form: what the confirmation's buttons did (copied, saved as an image). */
const done = new WeakMap<SentHost['result'], { copied?: 'trackingId' | 'accessToken'; savedImage?: boolean }>();

/**
 * The screen once a report is sent, with its buttons' work (copy, save as image, share,
 * track), which therefore lives in this chunk, not in the form's first download.
 */
export function sentScreen(host: SentHost): TemplateResult {
  const { t, result } = host;
  if (!done.has(result)) done.set(result, {});
  const ui = done.get(result)!;
  const set = (patch: typeof ui) => {
    Object.assign(ui, patch);
    host.requestUpdate();
  };
  if (host.tracking) {
    return trackingPanel(t, { ...result, lang: host.lang, api: host.api, siteKey: host.siteKey, onAnother: host.another });
  }
  return successPanel(t, {
    ...result,
    report: result.report,
    now: host.now,
    locale: host.locale,
    copied: ui.copied,
    savedImage: !!ui.savedImage,
    canShare: typeof navigator.share === 'function',
    onAnother: host.another,
    async onCopy(what) {
      // Copied as shown (LPR 7K3M Q9XD, 7KQ4M-9XDHT): easy to read back, and accepted as typed.
      const value = what === 'accessToken' ? formatAccessCode(result.accessToken) : formatTrackingId(result.trackingId);
      try {
        await navigator.clipboard.writeText(value);
        set({ copied: what });
      } catch {
        // Clipboard refused (permissions, insecure context): the code is still selectable text.
        set({ copied: undefined });
      }
    },
    async onSaveImage() {
      // Its own small chunk: only a citizen who asks for the image downloads the drawing code.
      const { drawCodeCard, download } = await import('./code-card.js');
      const blob = await drawCodeCard({
        title: t('form.success.imageTitle'),
        trackingLabel: t('field.trackingId'),
        trackingId: formatTrackingId(result.trackingId),
        codeLabel: t('field.accessToken'),
        accessToken: result.accessToken,
        note: t('form.success.keepCode'),
      });
      download(blob, `lapor-${result.trackingId}.png`);
      set({ savedImage: true });
    },
    async onShare() {
      try {
        await navigator.share({ text: t('form.success.shareText', { trackingId: result.trackingId, accessToken: result.accessToken }) });
      } catch {
        // The citizen closed the share sheet: nothing to do.
      }
    },
    /**
     * "Lacak laporan": a `<lapor-widget>` around the form takes the request (it cancels the
     * event) and shows its track tab. Inline on a page (Smart Kampung) nobody does: the form
     * shows the report itself, so the button is never a dead end.
     */
    async onTrack() {
      if (!host.emitTrack({ trackingId: result.trackingId, accessToken: result.accessToken })) return;
      try {
        await loadStatusView();
      } catch {
        return; // offline and never loaded: the codes stay on screen
      }
      host.showTracking();
    },
  });
}

interface SuccessView {
  trackingId: string;
  accessToken: string;
  /** The report as the gateway received it (its clocks, the institution it went to). */
  report: Report | undefined;
  /** Channels the citizen asked updates on. */
  updates: readonly UpdateChannel[];
  /** Server time now (ms) and the language: for "pukul 18.50 WIB". */
  now: number;
  locale: string;
  copied?: 'trackingId' | 'accessToken';
  /** The codes were saved as an image (the status line says where). */
  savedImage: boolean;
  canShare: boolean;
  onCopy: (what: 'trackingId' | 'accessToken') => void;
  onSaveImage: () => void;
  onShare: () => void;
  onTrack: () => void;
  onAnother: () => void;
}

function successPanel(t: Translate, v: SuccessView): TemplateResult {
  const row = (what: 'trackingId' | 'accessToken', value: string) => {
    const name = t(`field.${what}`);
    return html`<dt>${name}</dt>
      <dd>
        <span class="code" part="code">${value}</span>
        <button type="button" part="button copy" aria-label="${t('form.success.copy', { what: name.toLowerCase() })}" @click=${() => v.onCopy(what)}>
          ${t('common.copy')}
        </button>
        <span class="copied" role="status">${v.copied === what ? t('common.copied') : nothing}</span>
      </dd>`;
  };
  const received = v.report ? Date.parse(v.report.createdAt) : Number.NaN;
  return html`<section class="panel success" part="success" aria-labelledby="done-h">
    <div class="confirm-panel">
      <h2 id="done-h" tabindex="-1">${t('form.success.heading')}</h2>
      ${Number.isFinite(received) ? html`<p>${t('confirm.received', { time: clockTime(received, v.report!.clocks[0]?.timeZone ?? 'Asia/Jakarta', v.locale) })}</p>` : nothing}
    </div>
    <dl class="codes">${row('trackingId', formatTrackingId(v.trackingId))} ${row('accessToken', formatAccessCode(v.accessToken))}</dl>
    <p class="warning" part="warning">${t('form.success.keepCode')}</p>
    <slot name="after-submit"></slot>
    <div class="actions">
      <button type="button" part="button save-image" @click=${v.onSaveImage}>${t('form.success.saveImage')}</button>
      <span class="saved" role="status">${v.savedImage ? t('form.success.saved') : nothing}</span>
    </div>
    ${whatNext(t, v)}
    <div class="actions">
      <button type="button" class="primary" part="button track" @click=${v.onTrack}>${t('form.success.track')}</button>
      ${v.canShare ? html`<button type="button" part="button share" @click=${v.onShare}>${t('form.success.share')}</button>` : nothing}
      <button type="button" part="button" @click=${v.onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}

interface TrackingView {
  trackingId: string;
  accessToken: string;
  lang?: string;
  api?: string;
  siteKey?: string;
  onAnother: () => void;
}

/** "Lacak laporan" where no widget took the request (an inline form): the report in place. */
function trackingPanel(t: Translate, v: TrackingView): TemplateResult {
  return html`<section class="panel" aria-labelledby="done-h">
    <h2 id="done-h" tabindex="-1">${t('form.success.track')}</h2>
    <lapor-report-status
      lang=${v.lang || nothing}
      api=${v.api ?? nothing}
      site-key=${v.siteKey ?? nothing}
      tracking-id=${v.trackingId}
      access-token=${v.accessToken}
    ></lapor-report-status>
    <div class="actions">
      <button type="button" part="button" @click=${v.onAnother}>${t('form.success.another')}</button>
    </div>
  </section>`;
}
