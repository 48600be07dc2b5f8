/**
 * The real gateway process, as `npm start` runs it (`node --import tsx demo/start.ts`),
 * or as production does (`gateway/main.ts`, which never seeds), for the tests that must
 * kill it with SIGKILL (an in-process gateway cannot die mid-write the way a crashed
 * server does) or run several processes on one database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** demo/start.ts: Banyuwangi's reference data and demo pages; gateway/main.ts: only what the environment says. */
export type GatewayEntry = 'demo/start.ts' | 'gateway/main.ts';

export interface SpawnedGateway {
  child: ChildProcess;
  url: string;
  /** Every line the process printed on stdout so far (the start banner first). */
  lines: string[];
}

/**
 * Start `entry` with PORT=0 over `dir` (database and data) and read the URL it prints.
 * `env` adds settings (upstream, WhatsApp, LAPOR_DATABASE_URL, …); limits are off, since
 * one test address sends every request. `stderr: 'inherit'` shows the gateway's errors
 * in the test output.
 */
export async function spawnGateway(
  dir: string,
  env: Record<string, string> = {},
  stderr: 'inherit' | 'ignore' = 'ignore',
  entry: GatewayEntry = 'demo/start.ts',
  /** Every line the process prints (the start banner among them). */
  onLine: (line: string) => void = () => {},
): Promise<SpawnedGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: new URL('../../', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: '0',
      LAPOR_DB: join(dir, 'lapor.db'),
      LAPOR_DATA_DIR: dir,
      LAPOR_ADMIN_TOKEN: 'kill-test-admin-0123456789abcdef',
      LAPOR_RATE_LIMIT: 'off',
      // No sample history (issue 28, demo/start.ts): these tests count what they store.
      LAPOR_DEMO_HISTORY: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', stderr],
  });
  const printed: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      printed.push(line);
      onLine(line);
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code})`)));
  });
  return { child, url, lines: printed };
}

/** SIGKILL, and wait until the process is gone (its port and database are free). */
export async function killGateway(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

/**
 * What every process of a cluster on one PostgreSQL must share (README "Several gateway
 * processes"): the database, the secret, the super-admin token, the reference data; and a
 * short lead take-over, so a test does not wait seconds for it.
 */
export function clusterEnv(databaseUrl: string): Record<string, string> {
  return {
    LAPOR_DATABASE_URL: databaseUrl,
    LAPOR_SECRET: randomBytes(32).toString('hex'),
    LAPOR_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    LAPOR_REFERENCE: 'demo/seed-data.json',
    LAPOR_LEADER_RETRY_MS: '200',
  };
}
