/**
 * Admin bearer tokens, scoped to institutions. Nothing is fixed in code: the super-admin
 * token comes from LAPOR_ADMIN_TOKEN, scoped tokens from LAPOR_ADMIN_TOKENS, and demo
 * tokens (only when no scoped tokens are configured) are random at every start.
 *
 * Tokens live in memory, as SHA-256 only, rebuilt from the environment at each start, so
 * a token removed from the environment stops working at the next start. A presented
 * token is hashed and compared with EVERY known hash by timingSafeEqual, with no early
 * exit, so the answer's timing says nothing about how close a guess was.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.js';
import { ApiError } from '../http/errors.js';
import type { AdminTokenConfig } from '../options.js';
import { sha256 } from './secrets.js';

export interface AdminScope {
  label: string;
  /** null = every institution. */
  institutions: Set<string> | null;
}

/**
 * The demo tokens earlier releases accepted on every start (issue 11). Refused
 * everywhere, even if an operator configures one of them.
 */
export const RETIRED_DEMO_TOKENS: readonly string[] = ['demo-admin-dinkes', 'demo-admin-pkm-kabat', 'demo-admin-kec-genteng'];
const RETIRED_HASHES = RETIRED_DEMO_TOKENS.map((t) => sha256(t));

export function isRetiredToken(hash: Buffer): boolean {
  let hit = false;
  for (const h of RETIRED_HASHES) hit = timingSafeEqual(h, hash) || hit;
  return hit;
}

/** Institutions that get a demo token when `npm start` runs without LAPOR_ADMIN_TOKENS. */
export const DEMO_INSTITUTIONS: readonly string[] = ['opd-dinkes', 'pkm-kabat', 'kec-genteng'];

export interface DemoToken {
  token: string;
  label: string;
  institution: string;
}

/** Fresh random demo tokens, readable as which institution they are for. */
export function randomDemoTokens(names: Map<string, { name: string }>): DemoToken[] {
  return DEMO_INSTITUTIONS.filter((id) => names.has(id)).map((id) => ({
    token: `demo-${id}-${randomBytes(18).toString('base64url')}`,
    label: names.get(id)!.name,
    institution: id,
  }));
}

interface Entry {
  hash: Buffer;
  scope: AdminScope;
}

/**
 * Earlier releases stored token hashes (including the fixed demo ones) in this table;
 * tokens now come from the environment at every start, so the rows go (at each start).
 */
export async function forgetStoredTokens(db: Db): Promise<void> {
  await db.run('DELETE FROM admin_tokens');
}

export class AdminTokens {
  private entries: Entry[] = [];

  /** The super-admin token from the environment. */
  setSuperToken(token: string): void {
    this.entries = this.entries.filter((e) => e.scope.institutions !== null);
    this.addHash(sha256(token), { label: 'super', institutions: null });
  }

  add(token: string, label: string, institutions: string[]): void {
    this.addHash(sha256(token), { label, institutions: new Set(institutions) });
  }

  addConfigured(t: AdminTokenConfig, label: string): void {
    this.addHash(t.sha256, { label, institutions: new Set([t.institution]) });
  }

  private addHash(hash: Buffer, scope: AdminScope): void {
    if (isRetiredToken(hash)) throw new Error('admin token: the fixed demo tokens of earlier releases are refused');
    this.entries.push({ hash, scope });
  }

  authenticate(authorization: string | undefined): AdminScope {
    const token = bearer(authorization);
    const hash = sha256(token ?? '');
    let found: AdminScope | undefined;
    for (const e of this.entries) {
      // Non-short-circuit: every hash is compared whatever the outcome.
      if (timingSafeEqual(e.hash, hash) && !found) found = e.scope;
    }
    if (!token || !found || isRetiredToken(hash)) throw new ApiError(401, 'unauthorized', { headers: { 'WWW-Authenticate': 'Bearer' } });
    return found;
  }
}

/**
 * What the start banner shows of an operator's token: `sha256:<first 16 hex>`, the same
 * form LAPOR_ADMIN_TOKENS accepts, so an operator can tell which token is set
 * (`printf %s "$TOKEN" | sha256sum`) without the log holding it.
 */
export function tokenFingerprint(token: string): string {
  return `sha256:${sha256(token).toString('hex').slice(0, 16)}…`;
}

export function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}

export function canSee(scope: AdminScope, institutionId: string | null): boolean {
  if (scope.institutions === null) return true;
  return institutionId !== null && scope.institutions.has(institutionId);
}
