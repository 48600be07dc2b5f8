/**
 * Admin bearer tokens, scoped to institutions. Only SHA-256 hashes are stored. A token
 * with `institutions = null` is a super admin (LAPOR_ADMIN_TOKEN) and sees everything,
 * including reports that no institution owns yet.
 */
import type { Db } from '../db.js';
import { ApiError } from '../http/errors.js';
import { sha256hex } from './secrets.js';

export interface AdminScope {
  label: string;
  /** null = every institution. */
  institutions: Set<string> | null;
}

export const DEMO_ADMIN_TOKENS: { token: string; label: string; institutions: string[] }[] = [
  { token: 'demo-admin-dinkes', label: 'Dinas Kesehatan', institutions: ['opd-dinkes'] },
  { token: 'demo-admin-pkm-kabat', label: 'Puskesmas Kabat', institutions: ['pkm-kabat'] },
  { token: 'demo-admin-kec-genteng', label: 'Kecamatan Genteng', institutions: ['kec-genteng'] },
];

export class AdminTokens {
  private readonly find;

  constructor(private readonly db: Db) {
    this.find = db.prepare<[string], { label: string; institutions_json: string | null }>(
      'SELECT label, institutions_json FROM admin_tokens WHERE token_hash = ?',
    );
  }

  /** The super-admin token from the environment replaces the previous one on every start. */
  setSuperToken(token: string): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM admin_tokens WHERE label = 'super'").run();
      this.db.prepare("INSERT INTO admin_tokens (token_hash, label, institutions_json) VALUES (?, 'super', NULL)").run(sha256hex(token));
    })();
  }

  add(token: string, label: string, institutions: string[] | null): void {
    this.db
      .prepare('INSERT OR REPLACE INTO admin_tokens (token_hash, label, institutions_json) VALUES (?, ?, ?)')
      .run(sha256hex(token), label, institutions ? JSON.stringify(institutions) : null);
  }

  authenticate(authorization: string | undefined): AdminScope {
    const token = bearer(authorization);
    const row = token ? this.find.get(sha256hex(token)) : undefined;
    if (!row) throw new ApiError(401, 'unauthorized', { headers: { 'WWW-Authenticate': 'Bearer' } });
    return { label: row.label, institutions: row.institutions_json ? new Set(JSON.parse(row.institutions_json) as string[]) : null };
  }
}

export function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}

export function canSee(scope: AdminScope, institutionId: string | null): boolean {
  if (scope.institutions === null) return true;
  return institutionId !== null && scope.institutions.has(institutionId);
}
