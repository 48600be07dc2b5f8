/**
 * Where a chat stands, as stored in `whatsapp_conversations.state_json`: the step we are
 * waiting on, the draft so far, the language. Everything needed to continue after a
 * restart or on another process is here; nothing lives in memory between messages.
 */
import type { Classification, ReportLocation } from '../../../src/contract/index.js';

export type Lang = 'id' | 'en';

/** What we asked last (and so what the next message answers). */
export type Step =
  | 'idle'
  | 'classification'
  | 'categoryGroup'
  | 'category'
  | 'location'
  | 'locationConfirm'
  | 'locationPick'
  | 'date'
  | 'dateTyped'
  | 'story'
  | 'photos'
  | 'privacy'
  | 'updates'
  | 'summary'
  | 'edit'
  | 'duplicate'
  | 'replyConfirm';

export interface Draft {
  /** WhatsApp time of the message that began it. */
  startedAt: number;
  classification?: Classification;
  /** The top-level category while its sub-categories are listed. */
  categoryGroup?: string;
  /** `null`: "I don't know" (the officers decide). */
  categoryId?: string | null;
  location?: ReportLocation;
  /** A place resolved from a shared location or typed text, waiting for "yes". */
  candidate?: ReportLocation;
  /** Places that typed text could mean, as listed, and the words typed. */
  choices?: { name: string; text: string; locationId?: string }[];
  typedPlace?: string;
  incidentDate?: string;
  /** A long first message (or a photo's caption): offered as the story when we get there. */
  firstText?: string;
  /** The story; a too-short first message is kept and added to. */
  body?: string;
  /** True once the story is long enough (body alone may be a fragment). */
  bodyDone?: boolean;
  attachmentIds: string[];
  /** The citizen is done adding photos. */
  photosDone?: boolean;
  anonymous?: boolean;
  secret?: boolean;
  /** Consent to updates on this number. */
  notify?: boolean;
  /** The "Kirim" that a same-topic question interrupted: its id and time still count. */
  kirim?: { messageId: string; at: number };
}

export interface ConversationState {
  /** Bumped with every new question; our buttons carry it, so a tap on an old one is noticed. */
  v: number;
  lang: Lang;
  step: Step;
  /** Page of the list being shown. */
  page: number;
  draft?: Draft;
  /** A text that may be a reply to a responded report, waiting for the citizen's "yes". */
  reply?: { trackingId: string; text: string };
  /** When we last told this number it writes too fast (one notice per burst). */
  throttledAt?: number;
}

export function freshState(lang: Lang = 'id'): ConversationState {
  return { v: 0, lang, step: 'idle', page: 0 };
}

/** Button and row ids: `<v>:<action>[:<argument>]`; the argument may itself contain ':'. */
export function choiceId(state: Pick<ConversationState, 'v'>, action: string, arg?: string): string {
  return arg === undefined ? `${state.v}:${action}` : `${state.v}:${action}:${arg}`;
}

export function parseChoice(id: string): { v: number; action: string; arg?: string } | undefined {
  const m = /^(\d+):([a-z]+)(?::(.*))?$/s.exec(id);
  if (!m) return undefined;
  return { v: Number(m[1]), action: m[2]!, ...(m[3] !== undefined ? { arg: m[3] } : {}) };
}
