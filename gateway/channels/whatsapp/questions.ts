/**
 * What we ask at each step, one question per message, with lists and buttons rather than
 * typed commands (GLOSSARY "WhatsApp"). Every string comes from the `whatsapp` section of
 * the locale files; button and row ids carry the conversation's version (state.ts).
 */
import type { Category } from '../../../src/contract/index.js';
import { msg, type MessageKey, type MessageParams } from '../../../src/i18n/index.js';
import '../../http/i18n.js';
import { buttons, list, locationRequest, page, text, type Choice, type CloudMessage } from './outgoing.js';
import { choiceId, type ConversationState, type Step } from './state.js';

export interface QuestionContext {
  categories: ReadonlyMap<string, Category>;
  /** "Ubah" offers the updates question only where a WhatsApp number can get updates. */
  canNotify: boolean;
}

export function say(state: Pick<ConversationState, 'lang'>, key: MessageKey, params?: MessageParams): string {
  return msg(state.lang, key, params);
}

const CLASSIFICATIONS = ['complaint', 'aspiration', 'info_request'] as const;
const PRIVACY = ['normal', 'anonymous', 'secret', 'both'] as const;
export type Privacy = (typeof PRIVACY)[number];
const EDITABLE = ['classification', 'category', 'location', 'date', 'story', 'photos', 'privacy', 'updates'] as const;
export type Editable = (typeof EDITABLE)[number];

/** The rows of a step's list, all pages (an answer typed instead of tapped is matched against them). */
export function rowsOf(state: ConversationState, step: Step, ctx: QuestionContext): Choice[] {
  const t = (key: MessageKey, p?: MessageParams) => say(state, key, p);
  const d = state.draft;
  switch (step) {
    case 'classification':
      return CLASSIFICATIONS.map((c) => ({
        id: choiceId(state, 'cls', c),
        title: t(`whatsapp.classification.${c}` as MessageKey),
        description: t(`whatsapp.classification.${c}.hint` as MessageKey),
      }));
    case 'categoryGroup':
      return [
        ...childrenOf(ctx.categories, null).map((c) => ({ id: choiceId(state, 'grp', c.id), title: c.name[state.lang] })),
        { id: choiceId(state, 'grp'), title: t('whatsapp.category.unknown'), description: t('whatsapp.category.unknown.hint') },
      ];
    case 'category':
      return childrenOf(ctx.categories, d?.categoryGroup ?? null).map((c) => ({ id: choiceId(state, 'cat', c.id), title: c.name[state.lang] }));
    case 'locationPick':
      return [
        ...(d?.choices ?? []).map((l, i) => ({ id: choiceId(state, 'pick', String(i)), title: l.name, ...(l.text !== l.name ? { description: l.text } : {}) })),
        { id: choiceId(state, 'pick'), title: t('whatsapp.location.none'), description: t('whatsapp.location.none.hint') },
      ];
    case 'privacy':
      return PRIVACY.map((p) => ({ id: choiceId(state, 'priv', p), title: t(`whatsapp.privacy.${p}` as MessageKey), description: t(`whatsapp.privacy.${p}.hint` as MessageKey) }));
    case 'edit':
      return EDITABLE.filter((f) => (f !== 'date' || d?.classification === 'complaint') && (f !== 'updates' || ctx.canNotify)).map((f) => ({
        id: choiceId(state, 'edit', f),
        title: t(`whatsapp.edit.${f}` as MessageKey),
      }));
    default:
      return [];
  }
}

export function childrenOf(categories: ReadonlyMap<string, Category>, parent: string | null): Category[] {
  return [...categories.values()].filter((c) => (c.parentId ?? null) === parent);
}

/** The question of `state.step` (the draft's step was set by nextStep). */
export function ask(state: ConversationState, ctx: QuestionContext): CloudMessage[] {
  const t = (key: MessageKey, p?: MessageParams) => say(state, key, p);
  const d = state.draft;
  const paged = (rows: Choice[]) => page(rows, state.page, (next) => ({ id: choiceId(state, 'more', String(next)), title: t('whatsapp.more'), description: t('whatsapp.more.hint') }));
  const aspiration = d?.classification !== 'complaint';
  switch (state.step) {
    case 'classification':
      return [list(t('whatsapp.ask.classification'), t('whatsapp.button.choose'), rowsOf(state, 'classification', ctx))];
    case 'categoryGroup':
      return [list(t('whatsapp.ask.categoryGroup'), t('whatsapp.button.category'), paged(rowsOf(state, 'categoryGroup', ctx)))];
    case 'category': {
      const group = d?.categoryGroup ? ctx.categories.get(d.categoryGroup)?.name[state.lang] ?? '' : '';
      return [list(t('whatsapp.ask.category', { group }), t('whatsapp.button.category'), paged(rowsOf(state, 'category', ctx)))];
    }
    case 'location':
      return [locationRequest(t(aspiration ? 'whatsapp.ask.origin' : 'whatsapp.ask.location'))];
    case 'locationConfirm':
      return [
        buttons(d?.candidate?.locationId ? t('whatsapp.ask.locationConfirm', { place: d.candidate.text }) : t('whatsapp.ask.locationConfirmPin'), [
          { id: choiceId(state, 'loc', 'yes'), title: t(d?.candidate?.locationId ? 'whatsapp.button.locationYes' : 'whatsapp.button.usePin') },
          { id: choiceId(state, 'loc', 'type'), title: t('whatsapp.button.locationType') },
        ]),
      ];
    case 'locationPick':
      return [list(t('whatsapp.ask.locationPick'), t('whatsapp.button.choose'), rowsOf(state, 'locationPick', ctx))];
    case 'date':
      return [
        buttons(t('whatsapp.ask.date'), [
          { id: choiceId(state, 'date', 'today'), title: t('whatsapp.button.today') },
          { id: choiceId(state, 'date', 'yesterday'), title: t('whatsapp.button.yesterday') },
          { id: choiceId(state, 'date', 'other'), title: t('whatsapp.button.otherDate') },
        ]),
      ];
    case 'dateTyped':
      return [text(t('whatsapp.ask.dateTyped'))];
    case 'story':
      if (d?.firstText && !d.body) {
        const first = [...d.firstText];
        const excerpt = first.length > 200 ? `${first.slice(0, 199).join('')}…` : d.firstText;
        return [buttons(t('whatsapp.ask.storyFirst', { text: excerpt }), [{ id: choiceId(state, 'story', 'first'), title: t('whatsapp.button.useFirst') }])];
      }
      return [text(t(d?.body ? 'whatsapp.ask.storyMore' : 'whatsapp.ask.story'))];
    case 'photos':
      return [photosPrompt(state, t('whatsapp.ask.photos'))];
    case 'privacy':
      return [list(t('whatsapp.ask.privacy'), t('whatsapp.button.choose'), rowsOf(state, 'privacy', ctx))];
    case 'updates':
      return [
        buttons(t('whatsapp.ask.updates'), [
          { id: choiceId(state, 'upd', 'yes'), title: t('whatsapp.button.updatesYes') },
          { id: choiceId(state, 'upd', 'no'), title: t('whatsapp.button.updatesNo') },
        ]),
      ];
    case 'summary':
      return [summaryButtons(state, summaryText(state, ctx))];
    case 'edit':
      return [list(t('whatsapp.ask.edit'), t('whatsapp.button.choose'), rowsOf(state, 'edit', ctx))];
    case 'duplicate':
      return [];
    case 'replyConfirm':
      return [
        buttons(t('whatsapp.ask.reply', { trackingId: state.reply?.trackingId ?? '' }), [
          { id: choiceId(state, 'reply', 'yes'), title: t('whatsapp.button.replyYes') },
          { id: choiceId(state, 'reply', 'new'), title: t('whatsapp.button.replyNew') },
          { id: choiceId(state, 'reply', 'no'), title: t('whatsapp.button.cancel') },
        ]),
      ];
    case 'idle':
      return [];
  }
}

/** The summary's three buttons under `body` (the summary itself, or a reminder to use them). */
export function summaryButtons(state: ConversationState, body: string): CloudMessage {
  return buttons(body, [
    { id: choiceId(state, 'send'), title: say(state, 'whatsapp.button.send') },
    { id: choiceId(state, 'edit'), title: say(state, 'whatsapp.button.edit') },
    { id: choiceId(state, 'cancel'), title: say(state, 'whatsapp.button.cancel') },
  ]);
}

/** The photo prompt or a photo's acknowledgement, always with "Lanjut" at hand. */
export function photosPrompt(state: ConversationState, body: string): CloudMessage {
  return buttons(body, [{ id: choiceId(state, 'photos', 'done'), title: say(state, 'whatsapp.button.next') }]);
}

/** Everything the report will say, before "Kirim". The story is cut: a button message holds 1,024 characters. */
export function summaryText(state: ConversationState, ctx: QuestionContext): string {
  const d = state.draft!;
  const t = (key: MessageKey, p?: MessageParams) => say(state, key, p);
  const category = d.categoryId ? ctx.categories.get(d.categoryId) : undefined;
  const parent = category?.parentId ? ctx.categories.get(category.parentId) : undefined;
  const privacy: Privacy = d.anonymous && d.secret ? 'both' : d.anonymous ? 'anonymous' : d.secret ? 'secret' : 'normal';
  const story = [...(d.body ?? '')];
  const lines = [
    t('whatsapp.summary.title'),
    t('whatsapp.summary.classification', { value: t(`whatsapp.classification.${d.classification ?? 'complaint'}` as MessageKey) }),
    t('whatsapp.summary.category', { value: category ? [parent?.name[state.lang], category.name[state.lang]].filter(Boolean).join(' › ') : t('whatsapp.category.unknown') }),
    t(d.classification === 'complaint' ? 'whatsapp.summary.location' : 'whatsapp.summary.origin', { value: d.location?.text ?? '' }),
    ...(d.classification === 'complaint' && d.incidentDate ? [t('whatsapp.summary.date', { value: d.incidentDate.split('-').reverse().join('-') })] : []),
    t('whatsapp.summary.story', { value: story.length > 300 ? `${story.slice(0, 299).join('')}…` : story.join('') }),
    t('whatsapp.summary.attachments', { n: d.attachmentIds.length }),
    t('whatsapp.summary.privacy', { value: t(`whatsapp.privacy.${privacy}` as MessageKey) }),
    t(d.notify ? 'whatsapp.summary.updatesYes' : 'whatsapp.summary.updatesNo'),
    '',
    t('whatsapp.summary.question'),
  ];
  return lines.join('\n');
}
