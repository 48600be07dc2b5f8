/**
 * Is there room to keep what citizens send? /healthz asks this, so a full disk or a data
 * directory that became read-only shows up in monitoring before submits start failing
 * (SQLite answers SQLITE_FULL, uploads ENOSPC). The answer is cached for a couple of
 * seconds: /healthz must stay cheap under load.
 */
import { statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type StorageState = 'ok' | 'low' | 'full' | 'unwritable';

export interface StorageReport {
  state: StorageState;
  /** Bytes an unprivileged writer may still use, smallest over the checked directories. */
  freeBytes: number | null;
}

/** Pure: what a probe's findings mean. */
export function storageState(freeBytes: number | null, writeError: NodeJS.ErrnoException | undefined, minFreeBytes: number): StorageState {
  if (writeError) return writeError.code === 'ENOSPC' || writeError.code === 'EDQUOT' ? 'full' : 'unwritable';
  if (freeBytes === null) return 'ok';
  if (freeBytes === 0) return 'full';
  return freeBytes < minFreeBytes ? 'low' : 'ok';
}

export class StorageHealth {
  private cached: { at: number; report: StorageReport } | undefined;
  /** Set when a write failed for lack of space since the last probe (SQLITE_FULL, ENOSPC). */
  private sawFull = false;
  private readonly dirs: string[];

  constructor(
    dataDir: string,
    dbPath: string,
    private readonly minFreeBytes: number,
    private readonly cacheMs = 2000,
  ) {
    this.dirs = [...new Set([dataDir, ...(dbPath === ':memory:' ? [] : [dirname(dbPath)])])];
  }

  /** Called with any unexpected error: a disk-full one marks storage full until a probe says otherwise. */
  noteError(err: unknown): void {
    const code = (err as { code?: string } | undefined)?.code;
    // 53100: PostgreSQL's disk_full.
    if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC' || code === 'EDQUOT') {
      this.sawFull = true;
      this.cached = undefined;
    }
  }

  check(now = Date.now()): StorageReport {
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached.report;
    let free: number | null = null;
    let writeError: NodeJS.ErrnoException | undefined;
    for (const dir of this.dirs) {
      try {
        const s = statfsSync(dir);
        const bytes = Number(s.bavail) * Number(s.bsize);
        free = free === null ? bytes : Math.min(free, bytes);
      } catch (err) {
        writeError ??= err as NodeJS.ErrnoException;
      }
      // A real write: root passes access(W_OK) on a read-only mount, a write does not.
      const probe = join(dir, `.healthz-${process.pid}`);
      try {
        writeFileSync(probe, 'ok');
        unlinkSync(probe);
      } catch (err) {
        writeError ??= err as NodeJS.ErrnoException;
      }
    }
    let state = storageState(free, writeError, this.minFreeBytes);
    if (state === 'ok' || state === 'low') {
      if (this.sawFull && free !== null && free < this.minFreeBytes) state = 'full';
      else this.sawFull = false;
    }
    const report = { state, freeBytes: free };
    this.cached = { at: now, report };
    return report;
  }
}
