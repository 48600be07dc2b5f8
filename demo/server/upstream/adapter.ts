/** What the forwarder needs from LAPOR!; the HTTP mapping lives only in lapor-adapter.ts. */
import type { ReportStatus } from '../../../src/contract/index.js';

export interface OutgoingComplaint {
  trackingId: string;
  title: string;
  body: string;
  channel: string;
  classification: string;
  categoryId: string | null;
  locationId: string | null;
  locationText: string;
  incidentDate: string | null;
  anonymous: boolean;
  secret: boolean;
}

export interface OutgoingFile {
  name: string;
  mime: string;
  path: string;
}

export interface UpstreamFollowup {
  /** Upstream's id for the follow-up: deduplicates on every poll. */
  ref: string;
  at: string;
  message: string;
  institutionName: string | null;
}

export interface UpstreamSnapshot {
  /** Our status for upstream's, or undefined when it has no equivalent. */
  status: ReportStatus | undefined;
  followups: UpstreamFollowup[];
}

export interface UpstreamAdapter {
  uploadAttachments(files: OutgoingFile[]): Promise<string[]>;
  createComplaint(c: OutgoingComplaint, documentIds: string[]): Promise<string>;
  /** The complaint created earlier for this tracking id, if any (crash recovery). */
  findByReference(trackingId: string): Promise<string | undefined>;
  fetch(laporId: string): Promise<UpstreamSnapshot>;
}

/** A failure worth retrying (network, timeout, 5xx, 429) vs. a refusal (other 4xx). */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
