/**
 * The citizen's side of the conversation: a reply while the report is `responded` (until
 * `replyUntil`), and one 1–5 rating once it is `completed`. Validation is the contract's
 * own (`FollowUpInput`), the same the gateway runs. What was typed stays in this
 * controller through every failure; only a success clears it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldError } from '../../contract/error.js';
import { LIMITS } from '../../contract/limits.js';
import type { FollowUpInput, Report } from '../../contract/report.js';
import { fieldErrorMessage } from '../../contract/field-messages.js';
import { loadValidation } from './load-validation.js';
import type { Translate } from '../../i18n/catalog.js';
import '../../i18n/register/report-view.js';
import type { LaporClient } from '../../sdk/types.js';
import { classifyFailure, type FailureKind } from './failure.js';

type Kind = 'reply' | 'rating';

interface FormState {
  sending: boolean;
  errors: Record<string, string>;
  failure?: FailureKind;
}

export interface FollowUpContext {
  t: Translate;
  locale: string;
  client: LaporClient | undefined;
  trackingId: string;
  accessToken: string;
  now: number;
  /** Deadline text, already formatted in the institution's zone. */
  formatTime: (iso: string) => string;
}

export const SCORES = [1, 2, 3, 4, 5] as const;

export class FollowUpController implements ReactiveController {
  reply = '';
  score: number | undefined;
  comment = '';
  state: Record<Kind, FormState> = {
    reply: { sending: false, errors: {} },
    rating: { sending: false, errors: {} },
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onAccepted: (report: Report, kind: Kind) => void,
    /** The report moved on under us (409): the host refreshes it. */
    private readonly onConflict: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  canReply(report: Report, now: number): boolean {
    return report.status === 'responded' && (!report.replyUntil || now < Date.parse(report.replyUntil));
  }

  canRate(report: Report): boolean {
    return report.status === 'completed' && !report.rating;
  }

  async send(kind: Kind, ctx: FollowUpContext): Promise<void> {
    const input: FollowUpInput =
      kind === 'reply'
        ? { kind, message: this.reply }
        : { kind, score: this.score as number, ...(this.comment.trim() ? { comment: this.comment } : {}) };
    const form = this.state[kind];
    form.failure = undefined;
    let validation: Awaited<ReturnType<typeof loadValidation>>;
    try {
      validation = await loadValidation();
    } catch {
      // The validation layer could not be downloaded: the same "no connection" as a failed send.
      form.failure = 'network';
      this.host.requestUpdate();
      return;
    }
    const checked = validation.validate(validation.FollowUpInput, input, ctx.locale);
    if (!checked.ok) {
      form.errors = this.#errors(checked.fields, ctx.locale);
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.#focusFirstInvalid(kind);
      return;
    }
    form.errors = {};
    if (!ctx.client) {
      form.failure = 'network';
      this.host.requestUpdate();
      return;
    }
    form.sending = true;
    this.host.requestUpdate();
    try {
      const report = await ctx.client.addFollowUp(ctx.trackingId, ctx.accessToken, checked.data as FollowUpInput);
      if (kind === 'reply') this.reply = '';
      else {
        this.score = undefined;
        this.comment = '';
      }
      this.onAccepted(report, kind);
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.kind === 'validation' && failure.fields?.length) {
        form.errors = this.#errors(failure.fields, ctx.locale);
      } else {
        form.failure = failure.kind;
        if (failure.kind === 'conflict') this.onConflict();
      }
    } finally {
      form.sending = false;
      this.host.requestUpdate();
    }
  }

  #errors(fields: FieldError[], locale: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of fields) {
      // The rating has no `kind` field on screen; anything else lands on its input.
      const path = f.path === 'score' || f.path === 'comment' || f.path === 'message' ? f.path : this.#fallbackPath(f.path);
      // The gateway's message is already in the page language and names the field;
      // re-localize only when it sent none.
      out[path] ??= f.message || fieldErrorMessage(locale, path, f.code);
    }
    return out;
  }

  #fallbackPath(path: string): string {
    return path.startsWith('comment') ? 'comment' : path.startsWith('score') ? 'score' : 'message';
  }

  #focusFirstInvalid(kind: Kind): void {
    const root = this.host.shadowRoot;
    const selector = kind === 'reply' ? '#reply' : this.state.rating.errors['score'] ? 'input[name="score"]' : '#rating-comment';
    (root?.querySelector(selector) as HTMLElement | null)?.focus();
  }

  renderReply(report: Report, ctx: FollowUpContext): TemplateResult | typeof nothing {
    if (!this.canReply(report, ctx.now)) return nothing;
    const { t } = ctx;
    const form = this.state.reply;
    const error = form.errors['message'];
    return html`
      <form class="follow-up" part="reply-form" novalidate @submit=${(e: Event) => this.#submit(e, 'reply', ctx)}>
        <h3 id="reply-heading">${t('reportStatus.reply.heading')}</h3>
        ${report.replyUntil
          ? html`<p class="hint" id="reply-hint">${t('reportStatus.reply.until', { time: ctx.formatTime(report.replyUntil) })}</p>`
          : nothing}
        <label for="reply">${t('reportStatus.reply.label')}</label>
        <textarea
          id="reply"
          name="message"
          rows="4"
          maxlength=${LIMITS.followUp.max}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'reply-error' : report.replyUntil ? 'reply-hint' : nothing}
          .value=${live(this.reply)}
          @input=${(e: Event) => (this.reply = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error ? html`<p class="field-error" id="reply-error">${error}</p>` : nothing}
        ${this.#renderFailure(form, t, 'reply')}
        <!-- aria-disabled, not disabled: a focused button that becomes disabled drops focus to <body> (WCAG 2.4.3). -->
        <button type="submit" part="button" aria-disabled=${form.sending ? 'true' : 'false'}>
          ${form.sending ? t('reportStatus.sending') : form.failure ? t('common.retry') : t('reportStatus.reply.submit')}
        </button>
      </form>
    `;
  }

  renderRating(report: Report, ctx: FollowUpContext): TemplateResult | typeof nothing {
    const { t } = ctx;
    if (report.rating) {
      // Focus lands here once the rating is accepted (the form it replaces is gone).
      return html`<p class="rated" part="rating" id="rating-given" tabindex="-1">${t('reportStatus.rating.given', { score: report.rating.score })}</p>`;
    }
    if (!this.canRate(report)) return nothing;
    const form = this.state.rating;
    const scoreError = form.errors['score'];
    const commentError = form.errors['comment'];
    return html`
      <form class="follow-up" part="rating-form" novalidate @submit=${(e: Event) => this.#submit(e, 'rating', ctx)}>
        <h3>${t('reportStatus.rating.heading')}</h3>
        <fieldset class="stars" aria-describedby=${scoreError ? 'score-error' : nothing}>
          <legend>${t('reportStatus.rating.legend')}</legend>
          ${SCORES.map(
            (n) => html`<label class="star">
              <input
                type="radio"
                name="score"
                value=${n}
                .checked=${live(this.score === n)}
                aria-invalid=${scoreError ? 'true' : 'false'}
                @change=${() => {
                  this.score = n;
                  this.host.requestUpdate();
                }}
              />
              <span class="glyph" aria-hidden="true">${'★'.repeat(n)}</span>
              <span class="text">${t(`reportStatus.rating.score${n}`)}</span>
            </label>`,
          )}
        </fieldset>
        ${scoreError ? html`<p class="field-error" id="score-error">${scoreError}</p>` : nothing}
        <label for="rating-comment">${t('reportStatus.rating.comment')} <span class="muted">${t('common.optional')}</span></label>
        <textarea
          id="rating-comment"
          name="comment"
          rows="3"
          maxlength=${LIMITS.ratingComment.max}
          aria-invalid=${commentError ? 'true' : 'false'}
          aria-describedby=${commentError ? 'comment-error' : nothing}
          .value=${live(this.comment)}
          @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${commentError ? html`<p class="field-error" id="comment-error">${commentError}</p>` : nothing}
        ${this.#renderFailure(form, t, 'rating')}
        <!-- aria-disabled, not disabled: a focused button that becomes disabled drops focus to <body> (WCAG 2.4.3). -->
        <button type="submit" part="button" aria-disabled=${form.sending ? 'true' : 'false'}>
          ${form.sending ? t('reportStatus.sending') : form.failure ? t('common.retry') : t('reportStatus.rating.submit')}
        </button>
      </form>
    `;
  }

  #renderFailure(form: FormState, t: Translate, kind: Kind): TemplateResult | typeof nothing {
    if (!form.failure) return nothing;
    const text =
      form.failure === 'conflict'
        ? t(kind === 'reply' ? 'reportStatus.reply.conflict' : 'reportStatus.rating.conflict')
        : form.failure === 'not-found'
          ? t('error.report_not_found')
          : form.failure === 'server'
            ? t('reportStatus.sendFailed.server')
            : t('reportStatus.sendFailed.network');
    return html`<p class="send-error" role="alert">${text}</p>`;
  }

  #submit(event: Event, kind: Kind, ctx: FollowUpContext): void {
    event.preventDefault();
    if (this.state[kind].sending) return;
    void this.send(kind, ctx);
  }
}
