/**
 * The conversation: one inbound message and the stored state in, the new state and our
 * answers out. It touches nothing itself: the worker runs it inside the transaction that
 * stores its result, marks the inbox row done and queues the answers, so a step is either
 * wholly taken or not at all (a SIGKILL in between repeats the message, never half of it).
 *
 * The flow is driven by what the draft still lacks (draft.ts nextStep): classification,
 * category, location, date (complaints), story, photos, privacy, updates, summary.
 * Commands work at every step: "batal", "cek LPR-…", "EN"/"ID", "bantuan". A tap on a
 * button of an older question is noticed (ids carry the state's version) and the current
 * question asked again.
 */
import type { Category, FieldError } from '../../../src/contract/index.js';
import { CLASSIFICATIONS, formatAccessCode, LIMITS, NIK_PATTERN } from '../../../src/contract/index.js';
import type { MessageKey, MessageParams } from '../../../src/i18n/index.js';
import { commandOf, fold, isDone, isNo, isYes, parseDate, typedIndex, type Command } from './commands.js';
import { cleanText, indonesianMobile, nextStep } from './draft.js';
import { buttons, text, type CloudMessage } from './outgoing.js';
import type { InboundBody, InboundMessage } from './payload.js';
import { ask, childrenOf, photosPrompt, rowsOf, say, summaryButtons, type Editable, type QuestionContext } from './questions.js';
import { choiceId, parseChoice, type ConversationState, type Draft, type Lang, type Step } from './state.js';

export interface Outgoing {
  message: CloudMessage;
  /** Carries an access code: its text is wiped once sent. */
  secret?: boolean;
}

/** What became of a photo or document, decided before the turn (the download happens outside any transaction). */
export type MediaOutcome = { ok: true; attachmentId: string } | { ok: false; message: string } | { ok: false; full: true };

export interface Place {
  text: string;
  locationId?: string;
}

/** A place typed words name: `name` for a list row, `text` and `locationId` for the report. */
export interface NamedPlace extends Place {
  name: string;
}

/** The rest of the gateway, as the conversation needs it (channel.ts wires the real ones). */
export interface Desk {
  categories: ReadonlyMap<string, Category>;
  regency: string;
  /** The place a shared point falls in (approximate), or undefined outside the reference data. */
  placeAt(lat: number, lng: number): Place | undefined;
  /** Places typed text names, most specific first. */
  placesNamed(text: string): NamedPlace[];
  /** Reports this number filed since `since` (ms). */
  filedSince(waId: string, since: number): Promise<{ trackingId: string; categoryId: string | null; at: number }[]>;
  /** File the draft through the submit path; `fields` when the contract refuses it. */
  file(waId: string, draft: Draft, kirim: { messageId: string; at: number }, profileName: string | undefined, lang: Lang): Promise<
    { ok: true; trackingId: string; code: string; followUrl: string; deadline?: string } | { ok: false; fields: FieldError[] }
  >;
  /** "cek": one sentence on the report, or why not. */
  status(waId: string, trackingId: string, code: string | undefined, lang: Lang): Promise<string>;
  /** "cek" without a number: this number's reports. */
  statusOfMine(waId: string, lang: Lang): Promise<string>;
  /** A responded report of this number that may still be answered. */
  openForReply(waId: string): Promise<string | undefined>;
  /** The citizen's reply; an error message when it cannot be taken. */
  reply(trackingId: string, message: string, lang: Lang): Promise<string | undefined>;
}

export interface Limits {
  /** Reports per number per 24 hours. */
  reportsPerDay: number;
  /** A report on the same category within this long asks first. */
  sameTopicMs: number;
}

export class Conversation {
  constructor(
    private readonly desk: Desk,
    private readonly limits: Limits,
  ) {}

  async handle(state: ConversationState, m: InboundMessage, media?: MediaOutcome): Promise<{ state: ConversationState; out: Outgoing[] }> {
    const turn = new Turn(structuredClone(state), m, this.desk, this.limits);
    await turn.run(media);
    return { state: turn.s, out: turn.out };
  }

  /** Would a photo now be kept? (Else it is not even downloaded.) */
  acceptsMedia(state: ConversationState): boolean {
    return (state.draft?.attachmentIds.length ?? 0) < LIMITS.attachments.maxFiles;
  }

  /** An unfinished draft (or a reply awaiting "yes") is dropped after a quiet spell, with a word. */
  expire(state: ConversationState, idleMinutes: number): { state: ConversationState; out: Outgoing[] } {
    if (state.step === 'idle') return { state, out: [] };
    const next: ConversationState = { ...state, v: state.v + 1, step: 'idle', page: 0 };
    delete next.draft;
    delete next.reply;
    const hours = idleMinutes % 60 === 0 ? idleMinutes / 60 : undefined;
    // A text that waited for "is this your reply?" was not a draft: say what became of it.
    const body =
      state.step === 'replyConfirm'
        ? say(state, 'whatsapp.expired.reply')
        : hours
          ? say(state, 'whatsapp.expired.hours', { n: hours })
          : say(state, 'whatsapp.expired.minutes', { n: idleMinutes });
    return { state: next, out: [{ message: text(body) }] };
  }

  /** A message we could not handle after every try: the citizen hears so, rather than silence. */
  apologize(state: ConversationState): { state: ConversationState; out: Outgoing[] } {
    return { state, out: [{ message: text(say(state, 'whatsapp.failed')) }] };
  }

  /** One notice per burst when a number writes faster than the limit. */
  throttled(state: ConversationState, now: number): { state: ConversationState; out: Outgoing[] } {
    if (state.throttledAt && now - state.throttledAt < 10 * 60_000) return { state, out: [] };
    return { state: { ...state, throttledAt: now }, out: [{ message: text(say(state, 'whatsapp.throttled')) }] };
  }
}

class Turn {
  readonly out: Outgoing[] = [];
  private readonly q: QuestionContext;

  constructor(
    readonly s: ConversationState,
    private readonly m: InboundMessage,
    private readonly desk: Desk,
    private readonly limits: Limits,
  ) {
    this.q = { categories: desk.categories, canNotify: !!indonesianMobile(m.from) };
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return say(this.s, key, params);
  }
  private send(message: CloudMessage, secret = false): void {
    this.out.push(secret ? { message, secret } : { message });
  }
  private tell(key: MessageKey, params?: MessageParams): void {
    this.send(text(this.t(key, params)));
  }
  /** A new question (step or page): older buttons stop counting. */
  private goTo(step: Step, page = 0): void {
    if (step !== this.s.step || page !== this.s.page) this.s.v++;
    this.s.step = step;
    this.s.page = page;
  }
  private askNow(): void {
    for (const message of ask(this.s, this.q)) this.send(message);
  }
  /** On to whatever the draft lacks next, and ask it. */
  private advance(): void {
    this.goTo(this.s.draft ? nextStep(this.s.draft, this.q.canNotify) : 'idle');
    this.askNow();
  }
  private get draft(): Draft {
    return this.s.draft!;
  }

  async run(media: MediaOutcome | undefined): Promise<void> {
    const b: InboundBody = this.m.body;
    if (b.kind === 'ignored') return;
    if (b.kind === 'text') {
      const command = commandOf(b.text);
      if (command) return this.command(command);
    }
    switch (b.kind) {
      case 'unsupported':
        this.tell('whatsapp.unsupported');
        if (this.s.step === 'idle') this.tell('whatsapp.startHint');
        else this.askNow();
        return;
      case 'media':
        return this.media(media ?? { ok: false, full: true }, b.caption);
      case 'location':
        return this.location(b.lat, b.lng, b.name);
      case 'choice': {
        const c = parseChoice(b.id);
        if (!c || c.v !== this.s.v) return this.stale();
        return this.choose(c.action, c.arg);
      }
      case 'text':
        return this.answer(b.text);
    }
  }

  // ---- commands ---------------------------------------------------------------------

  private async command(c: Command): Promise<void> {
    switch (c.kind) {
      case 'cancel':
        return this.cancel('whatsapp.cancelled');
      case 'help':
        this.tell('whatsapp.help');
        if (this.s.step !== 'idle') this.askNow();
        return;
      case 'lang':
        this.s.lang = c.lang;
        this.tell('whatsapp.language');
        if (this.s.step === 'idle') this.start();
        else this.askNow();
        return;
      case 'check': {
        const answer = c.trackingId
          ? await this.desk.status(this.m.from, c.trackingId, c.code, this.s.lang)
          : await this.desk.statusOfMine(this.m.from, this.s.lang);
        this.send(text(answer));
        return;
      }
    }
  }

  private cancel(key: MessageKey): void {
    if (this.s.step === 'idle') {
      this.tell('whatsapp.nothingToCancel');
      return;
    }
    delete this.s.draft;
    delete this.s.reply;
    this.goTo('idle');
    this.tell(key);
  }

  private stale(): void {
    this.tell('whatsapp.stale');
    if (this.s.step === 'idle') this.tell('whatsapp.startHint');
    else this.askNow();
  }

  // ---- a new draft ------------------------------------------------------------------

  /** Greeting and the first question. A long first message is kept: the story step offers it. */
  private start(first?: string): void {
    this.s.draft = { startedAt: this.m.at, attachmentIds: [] };
    const kept = first ? cleanText(first) : '';
    if ([...kept].length >= LIMITS.body.min && !NIK_PATTERN.test(kept)) this.s.draft.firstText = kept.slice(0, LIMITS.body.max);
    this.tell('whatsapp.greeting', { regency: this.desk.regency || this.t('whatsapp.regencyFallback') });
    this.advance();
  }

  // ---- taps ------------------------------------------------------------------------

  private async choose(action: string, arg: string | undefined): Promise<void> {
    const d = this.s.draft;
    switch (action) {
      case 'more':
        this.goTo(this.s.step, Number(arg) || 0);
        this.askNow();
        return;
      case 'cancel':
        return this.cancel('whatsapp.cancelled');
      case 'reply':
        return this.replyAnswer(arg === 'yes' ? 'yes' : arg === 'new' ? 'new' : 'no');
    }
    if (!d) return this.stale();
    // Our ids come back as we made them; one naming nothing we know is treated as stale.
    const known = (action !== 'cls' || (CLASSIFICATIONS as readonly string[]).includes(arg ?? '')) && (!['grp', 'cat'].includes(action) || !arg || this.desk.categories.has(arg));
    if (!known) return this.stale();
    switch (action) {
      case 'cls':
        d.classification = arg as Draft['classification'];
        break;
      case 'grp':
        if (!arg) d.categoryId = null;
        else if (childrenOf(this.desk.categories, arg).length) d.categoryGroup = arg;
        else d.categoryId = arg;
        break;
      case 'cat':
        d.categoryId = arg ?? null;
        break;
      case 'loc':
        if (arg === 'yes' && d.candidate) d.location = d.candidate;
        delete d.candidate;
        if (arg !== 'yes') {
          this.goTo('location');
          this.tell('whatsapp.ask.locationTyped');
          return;
        }
        break;
      case 'pick': {
        const chosen = arg !== undefined ? d.choices?.[Number(arg)] : undefined;
        d.location = chosen ? { text: chosen.text, ...(chosen.locationId ? { locationId: chosen.locationId } : {}) } : { text: d.typedPlace ?? '' };
        delete d.choices;
        delete d.typedPlace;
        break;
      }
      case 'date':
        if (arg === 'other') {
          this.goTo('dateTyped');
          this.askNow();
          return;
        }
        d.incidentDate = this.today(arg === 'yesterday' ? -1 : 0);
        break;
      case 'story':
        if (d.firstText) this.setStory(d.firstText, false);
        if (!d.bodyDone) return;
        break;
      case 'photos':
        d.photosDone = true;
        break;
      case 'priv':
        d.anonymous = arg === 'anonymous' || arg === 'both';
        d.secret = arg === 'secret' || arg === 'both';
        break;
      case 'upd':
        d.notify = arg === 'yes';
        break;
      case 'edit':
        if (!arg) {
          this.goTo('edit');
          this.askNow();
          return;
        }
        this.clear(arg as Editable);
        break;
      case 'send':
        return this.file({ messageId: this.m.id, at: this.m.at }, false);
      case 'dup':
        if (arg === 'send' && d.kirim) return this.file(d.kirim, true);
        return this.cancel('whatsapp.duplicate.dropped');
      default:
        return this.stale();
    }
    this.advance();
  }

  /** "Ubah": forget one answer, so the flow asks it again and comes back to the summary. */
  private clear(field: Editable): void {
    const d = this.draft;
    switch (field) {
      case 'classification':
        delete d.classification;
        break;
      case 'category':
        delete d.categoryId;
        delete d.categoryGroup;
        break;
      case 'location':
        delete d.location;
        delete d.candidate;
        delete d.choices;
        break;
      case 'date':
        delete d.incidentDate;
        break;
      case 'story':
        delete d.body;
        delete d.bodyDone;
        delete d.firstText;
        break;
      case 'photos':
        d.attachmentIds = [];
        delete d.photosDone;
        break;
      case 'privacy':
        delete d.anonymous;
        delete d.secret;
        break;
      case 'updates':
        delete d.notify;
        break;
    }
  }

  // ---- typed answers ----------------------------------------------------------------

  private async answer(typed: string): Promise<void> {
    const step = this.s.step;
    if (step === 'idle') {
      const open = await this.desk.openForReply(this.m.from);
      if (open) {
        this.s.reply = { trackingId: open, text: cleanText(typed).slice(0, LIMITS.followUp.max) };
        this.goTo('replyConfirm');
        this.askNow();
        return;
      }
      return this.start(typed);
    }
    const d = this.s.draft;
    switch (step) {
      case 'classification':
      case 'categoryGroup':
      case 'category':
      case 'locationPick':
      case 'privacy':
      case 'edit':
        return this.typedChoice(typed, step);
      case 'location':
      case 'locationConfirm':
        if (step === 'locationConfirm' && isYes(typed)) return this.choose('loc', 'yes');
        if (step === 'locationConfirm' && isNo(typed)) return this.choose('loc', 'type');
        return this.typedPlace(typed);
      case 'date':
      case 'dateTyped':
        return this.typedDate(typed);
      case 'story':
        this.setStory(typed, true);
        if (d?.bodyDone) this.advance();
        return;
      case 'photos':
        if (isDone(typed)) return this.choose('photos', 'done');
        if (this.addToStory(typed)) this.send(photosPrompt(this.s, this.t('whatsapp.story.added')));
        return;
      case 'updates':
        if (isYes(typed)) return this.choose('upd', 'yes');
        if (isNo(typed)) return this.choose('upd', 'no');
        this.tell('whatsapp.useButtons');
        this.askNow();
        return;
      case 'summary':
        if (fold(typed) === 'kirim' || fold(typed) === 'send') return this.choose('send', undefined);
        if (fold(typed) === 'ubah' || fold(typed) === 'edit') return this.choose('edit', undefined);
        this.send(summaryButtons(this.s, this.t('whatsapp.useButtons')));
        return;
      case 'duplicate':
        if (isYes(typed)) return this.choose('dup', 'send');
        if (isNo(typed)) return this.choose('dup', 'drop');
        this.tell('whatsapp.useButtons');
        return;
      case 'replyConfirm':
        if (isYes(typed)) return this.replyAnswer('yes');
        if (isNo(typed)) return this.replyAnswer('no');
        this.tell('whatsapp.useButtons');
        this.askNow();
        return;
    }
  }

  /** A list answered by typing a row's title or number instead of tapping. */
  private async typedChoice(typed: string, step: Step): Promise<void> {
    const rows = rowsOf(this.s, step, this.q);
    const words = fold(typed);
    const index = typedIndex(typed, rows.length);
    const row = index !== undefined ? rows[index] : rows.find((r) => fold(r.title) === words) ?? (words.length >= 3 ? rows.find((r) => fold(r.title).startsWith(words)) : undefined);
    const c = row && parseChoice(row.id);
    if (c) return this.choose(c.action, c.arg);
    this.tell('whatsapp.useList');
    this.askNow();
  }

  private typedPlace(typed: string): void {
    const d = this.draft;
    const words = cleanText(typed);
    const hits = this.desk.placesNamed(words);
    delete d.candidate;
    if (hits.length === 1) {
      d.location = { text: hits[0]!.text, ...(hits[0]!.locationId ? { locationId: hits[0]!.locationId } : {}) };
    } else if (hits.length > 1) {
      d.choices = hits.slice(0, 9);
      d.typedPlace = words.slice(0, LIMITS.locationText.max);
    } else if ([...words].length >= LIMITS.locationText.min) {
      d.location = { text: words.slice(0, LIMITS.locationText.max) };
    } else {
      this.tell('whatsapp.location.tooShort');
      return;
    }
    this.advance();
  }

  private typedDate(typed: string): void {
    const words = fold(typed);
    const offset = ['hari ini', 'today', 'tadi'].includes(words) ? 0 : ['kemarin', 'yesterday'].includes(words) ? -1 : undefined;
    const today = this.today(0);
    const date = offset !== undefined ? this.today(offset) : parseDate(typed, today);
    if (!date) {
      this.goTo('dateTyped');
      this.tell('whatsapp.date.invalid');
      return;
    }
    if (date > today) {
      this.goTo('dateTyped');
      this.tell('whatsapp.date.future');
      return;
    }
    this.draft.incidentDate = date;
    this.advance();
  }

  /** Today (or `days` from it) in WIB, from the message's own time. */
  private today(days: number): string {
    return new Date(this.m.at + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  }

  /** The story, or more of it (a first message under 30 letters is kept and added to). */
  private setStory(typed: string, append: boolean): void {
    const d = this.draft;
    const more = cleanText(typed);
    if (NIK_PATTERN.test(more)) {
      this.tell('whatsapp.story.nik');
      return;
    }
    const body = append && d.body ? `${d.body}\n${more}` : more;
    const n = [...body].length;
    if (n > LIMITS.body.max) {
      this.tell('whatsapp.story.tooLong', { max: LIMITS.body.max, n });
      return;
    }
    d.body = body;
    if (n < LIMITS.body.min) {
      this.tell('whatsapp.story.tooShort', { n, min: LIMITS.body.min });
      return;
    }
    d.bodyDone = true;
  }

  /** Text after the story is done: it belongs to the story. True when added (else the citizen was told why not, if `tell`). */
  private addToStory(typed: string, tell = true): boolean {
    const d = this.draft;
    const before = d.body;
    const said = this.out.length;
    this.setStory(typed, true);
    if (!tell) this.out.length = said;
    return d.body !== before;
  }

  // ---- location and media -----------------------------------------------------------

  private location(lat: number, lng: number, name: string | undefined): void {
    if (this.s.step === 'idle' || this.s.step === 'replyConfirm') {
      delete this.s.reply;
      this.start();
    }
    const d = this.draft;
    const found = this.desk.placeAt(lat, lng);
    const pin = name ? cleanText(name) : '';
    const words = found ? (pin && !fold(found.text).includes(fold(pin)) ? `${pin}, ${found.text}` : found.text) : pin || this.t('whatsapp.location.pin', { lat: lat.toFixed(5), lng: lng.toFixed(5) });
    d.candidate = { text: words.slice(0, LIMITS.locationText.max), lat, lng, ...(found?.locationId ? { locationId: found.locationId } : {}) };
    delete d.location;
    delete d.choices;
    const early = ['classification', 'categoryGroup', 'category'].includes(this.s.step);
    if (early) {
      this.tell('whatsapp.location.kept');
      this.askNow();
    } else this.advance();
  }

  private async media(outcome: MediaOutcome, caption: string | undefined): Promise<void> {
    if (this.s.step === 'idle' || this.s.step === 'replyConfirm') {
      delete this.s.reply;
      this.start(caption);
      caption = undefined;
    }
    const d = this.draft;
    // A caption on the photos step belongs to the story: said in the same answer.
    const toStory = !!caption && this.s.step === 'photos' && this.addToStory(caption, false);
    if (toStory) caption = undefined;
    if (outcome.ok) {
      d.attachmentIds.push(outcome.attachmentId);
      const ack = this.t(toStory ? 'whatsapp.photo.receivedWithCaption' : 'whatsapp.photo.received', { n: d.attachmentIds.length, max: LIMITS.attachments.maxFiles });
      if (this.s.step === 'photos') this.send(photosPrompt(this.s, ack));
      else if (this.s.step === 'summary') {
        this.send(text(ack));
        this.askNow();
      } else this.send(text(ack));
    } else if ('full' in outcome) {
      this.tell('whatsapp.photo.full', { max: LIMITS.attachments.maxFiles });
    } else {
      this.send(text(outcome.message));
    }
    if (!caption) return;
    if (this.s.step === 'story') return this.answer(caption);
    const kept = cleanText(caption);
    if (!d.bodyDone && !d.firstText && [...kept].length >= LIMITS.body.min && !NIK_PATTERN.test(kept)) d.firstText = kept.slice(0, LIMITS.body.max);
  }

  // ---- filing -----------------------------------------------------------------------

  private async file(kirim: { messageId: string; at: number }, sameTopicConfirmed: boolean): Promise<void> {
    const d = this.draft;
    if (nextStep(d, this.q.canNotify) !== 'summary') return this.advance();
    const recent = await this.desk.filedSince(this.m.from, this.m.at - 86_400_000);
    if (recent.length >= this.limits.reportsPerDay) {
      this.tell('whatsapp.limit.daily', { n: this.limits.reportsPerDay });
      return;
    }
    const same = recent.find((r) => r.categoryId === (d.categoryId ?? null) && kirim.at - r.at < this.limits.sameTopicMs);
    if (same && !sameTopicConfirmed) {
      d.kirim = kirim;
      this.goTo('duplicate');
      this.send(
        buttons(this.t('whatsapp.ask.duplicate', { trackingId: same.trackingId, minutes: Math.max(1, Math.round((kirim.at - same.at) / 60_000)) }), [
          { id: choiceId(this.s, 'dup', 'send'), title: this.t('whatsapp.button.duplicateSend') },
          { id: choiceId(this.s, 'dup', 'drop'), title: this.t('whatsapp.button.duplicateDrop') },
        ]),
      );
      return;
    }
    const filed = await this.desk.file(this.m.from, d, kirim, this.m.name, this.s.lang);
    if (!filed.ok) {
      this.tell('whatsapp.filing.invalid', { problems: filed.fields.map((f) => f.message).join(' ') });
      this.goTo('summary');
      this.askNow();
      return;
    }
    const lines = [
      this.t('whatsapp.filed', { trackingId: filed.trackingId, code: formatAccessCode(filed.code) }),
      ...(filed.deadline ? [this.t('whatsapp.filed.deadline', { deadline: filed.deadline })] : []),
      this.t('whatsapp.filed.follow', { link: filed.followUrl }),
      this.t(d.notify && this.q.canNotify ? 'whatsapp.filed.updates' : 'whatsapp.filed.noUpdates', { trackingId: filed.trackingId }),
    ];
    this.send(text(lines.join('\n\n')), true);
    delete this.s.draft;
    this.goTo('idle');
  }

  // ---- a reply to a responded report ------------------------------------------------

  private async replyAnswer(answer: 'yes' | 'new' | 'no'): Promise<void> {
    const pending = this.s.reply;
    if (!pending) return this.stale();
    delete this.s.reply;
    this.goTo('idle');
    if (answer === 'new') return this.start(pending.text);
    if (answer === 'no') {
      this.tell('whatsapp.reply.dropped');
      return;
    }
    const problem = await this.desk.reply(pending.trackingId, pending.text, this.s.lang);
    if (problem) this.send(text(problem));
    else this.tell('whatsapp.reply.sent', { trackingId: pending.trackingId });
  }
}
