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

/** An institution as LAPOR! names it (its id when the answer carries one). */
export interface UpstreamInstitutionRef {
  id?: number;
  name: string;
}

/** A follow-up as LAPOR! lists it, times already read as WIB. */
export interface UpstreamFollowup {
  /** LAPOR!'s id for it (or a hash of time + text): deduplicates across polls. */
  ref: string;
  at: Date;
  /** Text with LAPOR!'s placeholders filled the way its public clients fill them. */
  message: string;
  institutionName: string | null;
  /**
   * `message`: an institution (or we) wrote; `status`: it records a status change;
   * `disposition`: LAPOR! handed the complaint to `institutionTo` (a forward, not a response).
   */
  kind: 'message' | 'status' | 'disposition';
  /** For `status`: our status for LAPOR!'s new one (undefined when there is no equivalent). */
  statusChange?: ReportStatus;
  institutionTo?: UpstreamInstitutionRef;
}

/** One page of follow-ups and where the next one is (undefined: this was the last). */
export interface FollowupPage {
  items: UpstreamFollowup[];
  nextPage: number | undefined;
  /** Stopped at `take` new messages: the page has more (ask for it again). */
  more: boolean;
}

/** What of a page to read: entries whose LAPOR! id is `known` are skipped unparsed; at most `take` new messages. */
export interface FollowupRead {
  known?: (ref: string) => boolean;
  take?: number;
}

/** A status LAPOR! reached and when (from its logs; `at` undefined when it has no log). */
export interface UpstreamMilestone {
  status: ReportStatus;
  at: Date | undefined;
  /** For archived / on_hold: LAPOR!'s status name and its note on it. */
  reason?: string;
  /** For forwarded: to whom. */
  institution?: UpstreamInstitutionRef;
}

export interface UpstreamDetail {
  /** LAPOR!'s own status name, kept for the operator. */
  statusName: string;
  /** Our status for it, undefined when there is no equivalent. */
  status: ReportStatus | undefined;
  milestones: UpstreamMilestone[];
  /** LAPOR!'s latest note on the status (status_logs), placeholders filled. */
  note: string | null;
  /** The complaint's own text, when LAPOR! returns it (an operator's "link" checks it). */
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

/** What was sent for a create, kept as evidence when its answer is lost. */
export interface CreateRequestSummary {
  method: string;
  path: string;
  title: string;
  /** The first line of `content`: it names our tracking number. */
  firstLine: string;
  ids: Record<string, number | string | boolean | null>;
}

export interface UpstreamAdapter {
  uploadAttachments(files: OutgoingFile[]): Promise<number[]>;
  /** The complaint text we send; what an operator's link checks. */
  content(c: OutgoingComplaint): string;
  /** What createComplaint sends, without personal data beyond the title. */
  describeCreate(c: OutgoingComplaint, documentIds: number[]): CreateRequestSummary;
  createComplaint(c: OutgoingComplaint, documentIds: number[]): Promise<string>;
  /** True only when `content` carries exactly this tracking id as a whole token. */
  contentNames(content: string, trackingId: string): boolean;
  detail(laporId: string): Promise<UpstreamDetail>;
  /** One page of follow-ups (1-based). */
  followups(laporId: string, page: number, read?: FollowupRead): Promise<FollowupPage>;
  forward(laporId: string, institutionId: number, reason: string): Promise<void>;
  addFollowup(laporId: string, f: FollowupPush): Promise<void>;
  institutions(): Promise<UpstreamInstitution[]>;
  /** Our status for one of LAPOR!'s status names (undefined: no equivalent). */
  statusOf(name: string | null | undefined): ReportStatus | undefined;
  /** How the key is sent, for the operator: `auth` or `Authorization`. */
  readonly authHeader: string;
}

export type UpstreamErrorKind =
  /** The request never reached LAPOR! (connection refused or not made in time, DNS): nothing happened there. */
  | 'unsent'
  /** Sent, and we cannot know whether it took effect (timeout, 5xx, a redirect, a body that does not fit). */
  | 'ambiguous'
  /** 429: not processed; wait `retryAfterMs`. */
  | 'throttled'
  /** 401/403: our credentials (key, token or key header), not this request, are refused; nothing was done. */
  | 'credentials'
  /** LAPOR! answered `success: false` with a message: it did not do it; worth a few more tries. */
  | 'declined'
  /** LAPOR! said no (4xx): retrying the same request will not help. */
  | 'refused';

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: UpstreamErrorKind,
    readonly detail: {
      retryAfterMs?: number;
      /** HTTP status of the answer, when there was one. */
      status?: number;
      /** LAPOR!'s own `message`, cleaned and shortened, for the operator. */
      laporMessage?: string;
      /** The answer, redacted and shortened (evidence for an operator). */
      answer?: string;
      /** Refused by our own request budget: LAPOR! was not asked. */
      local?: boolean;
    } = {},
  ) {
    super(message);
  }

  get retryAfterMs(): number | undefined {
    return this.detail.retryAfterMs;
  }

  /** Did LAPOR! surely not act on it? (Then a create may be sent again.) */
  get notDone(): boolean {
    return this.kind === 'unsent' || this.kind === 'throttled' || this.kind === 'credentials' || this.kind === 'declined' || this.kind === 'refused';
  }
}
