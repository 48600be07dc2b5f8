/**
 * What the forwarder needs from LAPOR!, in our words. lapor-adapter.ts is the only file
 * that knows LAPOR!'s paths, field names, envelopes, status names and date format.
 */
import type { ReportStatus } from '../../src/contract/index.js';

/** A complaint ready to send: every id already mapped to LAPOR!'s numbers (mapping.ts). */
export interface OutgoingComplaint {
  trackingId: string;
  title: string;
  body: string;
  locationText: string;
  /** Only for reports that are not anonymous; never the NIK. */
  reporterName: string | null;
  incidentDate: string | null;
  anonymous: boolean;
  secret: boolean;
  channel: number;
  classificationId: number;
  categoryId: number;
  locationId: number;
  dispositionId: number;
}

export interface OutgoingFile {
  name: string;
  mime: string;
  path: string;
}

/** A follow-up as LAPOR! lists it, times already read as WIB. */
export interface UpstreamFollowup {
  /** LAPOR!'s id for it (or a hash of time + text): deduplicates across polls. */
  ref: string;
  at: Date;
  message: string;
  institutionName: string | null;
  /** Set when the entry records a status change rather than someone writing. */
  statusChange: ReportStatus | undefined;
}

/** A status LAPOR! reached and when (from its logs; `at` undefined when it has no log). */
export interface UpstreamMilestone {
  status: ReportStatus;
  at: Date | undefined;
  /** For archived: LAPOR!'s status name and its last word on it. */
  reason?: string;
}

export interface UpstreamDetail {
  /** LAPOR!'s own status name, kept for the operator. */
  statusName: string;
  /** Our status for it, undefined when there is no equivalent. */
  status: ReportStatus | undefined;
  milestones: UpstreamMilestone[];
  /** The complaint's own text, when LAPOR! returns it (crash recovery matches on it). */
  content: string | null;
}

export interface FollowupPush {
  content: string;
  /** 1–5 for a citizen's rating, 0 otherwise. */
  rating: number;
  secret: boolean;
}

export interface UpstreamInstitution {
  id: number;
  name: string;
}

export interface UpstreamAdapter {
  uploadAttachments(files: OutgoingFile[]): Promise<number[]>;
  /** The complaint text we send; also what recovery looks for. */
  content(c: OutgoingComplaint): string;
  createComplaint(c: OutgoingComplaint, documentIds: number[]): Promise<string>;
  /**
   * Complaint ids some listing returned for this tracking id. UNRELIABLE: LAPOR! has no
   * known search, and a listing may ignore its filter; callers must check each one.
   */
  candidates(trackingId: string): Promise<string[]>;
  /** True only when `content` carries exactly this tracking id as a whole token. */
  contentNames(content: string, trackingId: string): boolean;
  detail(laporId: string): Promise<UpstreamDetail>;
  /** Every page of follow-ups, oldest first. */
  followups(laporId: string): Promise<UpstreamFollowup[]>;
  forward(laporId: string, institutionId: number, reason: string): Promise<void>;
  addFollowup(laporId: string, f: FollowupPush): Promise<void>;
  institutions(): Promise<UpstreamInstitution[]>;
}

export type UpstreamErrorKind =
  /** The request never reached LAPOR! (connection refused, DNS): nothing happened there. */
  | 'unsent'
  /** Sent, and we cannot know whether it took effect (timeout, 5xx, a body that does not fit). */
  | 'ambiguous'
  /** 429: not processed; wait `retryAfterMs`. */
  | 'throttled'
  /** LAPOR! said no (4xx): retrying the same request will not help. */
  | 'refused';

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: UpstreamErrorKind,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind !== 'refused';
  }
}
