/**
 * The draft a chat builds: which question comes next (the first thing still missing, so
 * "Ubah" just clears a field and the flow asks for it again), the title a chat never asks
 * for, and the `POST /v1/reports` body it becomes on "Kirim".
 */
import { FORBIDDEN_TEXT, LIMITS, PHONE_PATTERN } from '../../../src/contract/index.js';
import type { Draft, Step } from './state.js';

/** The next question for a draft (`summary` once nothing is missing). */
export function nextStep(d: Draft, canNotify: boolean): Step {
  if (!d.classification) return 'classification';
  if (d.categoryId === undefined) return d.categoryGroup ? 'category' : 'categoryGroup';
  if (!d.location) return d.candidate ? 'locationConfirm' : d.choices?.length ? 'locationPick' : 'location';
  if (d.classification === 'complaint' && !d.incidentDate) return 'date';
  if (!d.bodyDone) return 'story';
  if (!d.photosDone) return 'photos';
  if (d.anonymous === undefined) return 'privacy';
  if (d.notify === undefined && canNotify) return 'updates';
  return 'summary';
}

/** Text as stored: invisible control and bidi-override characters dropped, spaces tidied. */
export function cleanText(s: string): string {
  return [...s]
    .filter((ch) => !FORBIDDEN_TEXT.test(ch))
    .join('')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * A title from the story: its first sentence, or its start cut at a word, within the
 * contract's 10–150 characters (the story has at least 30, so there is always enough).
 */
export function titleOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const first = /^(.{10,}?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  if ([...first].length <= 100) return first;
  const cut = [...first].slice(0, 99).join('');
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trim()}…`;
}

/** A WhatsApp number as the contract's Indonesian mobile pattern wants it, if it is one. */
export function indonesianMobile(waId: string): string | undefined {
  const phone = `+${waId}`;
  return PHONE_PATTERN.test(phone) ? phone : undefined;
}

/** The submit body: exactly what the web form would send for the same answers. */
export function reportInput(d: Draft, waId: string, profileName: string | undefined): Record<string, unknown> {
  const phone = indonesianMobile(waId);
  const notify = !!d.notify && !!phone;
  const name = d.anonymous ? undefined : cleanText(profileName ?? '').slice(0, LIMITS.reporterName.max) || undefined;
  const reporter = { ...(name ? { name } : {}), ...(notify ? { phone } : {}) };
  return {
    classification: d.classification,
    title: titleOf(d.body ?? ''),
    body: d.body,
    ...(d.classification === 'complaint' ? { incidentDate: d.incidentDate } : {}),
    location: d.location,
    ...(d.categoryId ? { categoryId: d.categoryId } : {}),
    attachmentIds: d.attachmentIds,
    anonymous: !!d.anonymous,
    secret: !!d.secret,
    ...(Object.keys(reporter).length ? { reporter } : {}),
    ...(notify ? { notify: ['whatsapp'] } : {}),
  };
}
