/**
 * Drafts of `<lapor-report-form>`: what the citizen has typed so far, kept on the device
 * (IndexedDB `lapor-drafts`) so that a closed tab, a reload or a flat battery loses
 * nothing. One draft per form context: gateway + site key + page origin. Files that are
 * not uploaded yet are kept as Blobs (IndexedDB stores them natively).
 */
import type { Attachment, ReportInput } from '../contract/index.js';
import { singleStore } from './idb-utils.js';

export const DRAFTS_DB = 'lapor-drafts';

/** A file chosen in the form: either still a local blob, or already on the gateway. */
export interface DraftAttachment {
  localId: string;
  name: string;
  mime: string;
  /** Bytes to upload (already re-encoded for photos). Absent once uploaded. */
  blob?: Blob;
  uploaded?: Attachment;
}

export interface Draft {
  key: string;
  /** Stable id of this report on the device (also the outbox key). */
  clientId: string;
  /** One `Idempotency-Key` per draft, reused on every retry and by the outbox. */
  idempotencyKey: string;
  input: Partial<ReportInput>;
  attachments: DraftAttachment[];
  /** Display names of picked search results, so the fields read the same after a reload. */
  labels?: { institution?: string };
  updatedAt: string;
}

const drafts = singleStore(DRAFTS_DB, 'drafts', 'key');

/** The key of the draft for one gateway + site key on one page origin. */
export function draftKey(api: string, siteKey: string | undefined, origin = globalThis.location?.origin ?? ''): string {
  return `${origin}|${api}|${siteKey ?? ''}`;
}

export async function loadDraft(key: string): Promise<Draft | undefined> {
  return (await drafts.db()).get(drafts.store, key) as Promise<Draft | undefined>;
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await drafts.db()).put(drafts.store, draft);
}

export async function deleteDraft(key: string): Promise<void> {
  await (await drafts.db()).delete(drafts.store, key);
}

/** Tests only: close the connection so that `deleteDB` is not blocked. */
export function closeDrafts(): Promise<void> {
  return drafts.close();
}

/** Does the draft hold anything worth offering back? */
export function draftHasContent(draft: Draft): boolean {
  const i = draft.input;
  return !!(
    i.title?.trim() ||
    i.body?.trim() ||
    i.location?.text?.trim() ||
    i.reporter?.name ||
    i.reporter?.phone ||
    i.reporter?.email ||
    draft.attachments.length
  );
}
