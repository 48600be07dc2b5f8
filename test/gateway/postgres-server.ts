/**
 * A throwaway PostgreSQL cluster for tests and benchmarks, from the distribution's own
 * binaries (Debian's `postgresql` package; `.ci/run` installs it on a fresh machine):
 * initdb into a temp dir, `pg_ctl start` on a free port with its unix socket in that dir,
 * and on stop the server and the dir are gone. By default fsync and synchronous_commit
 * stay on, as in production (the multi-process suites and the cluster benchmark); the
 * gateway suite's step turns them off (see startPostgres).
 *
 * initdb and postgres refuse to run as root, and tests here run as root: then the server
 * binaries run as the `postgres` system user (the Debian package creates it) through
 * runuser, over a temp dir chowned to that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Enough for many test gateways at once (each pools up to 10 connections) plus admin. */
const MAX_CONNECTIONS = 300;

export interface PostgresServer {
  /** Admin URL (superuser `postgres`, database `postgres`, trust auth over 127.0.0.1). */
  url: string;
  port: number;
  /** Holds the data dir, the log and the unix socket. */
  dir: string;
  /** Major version of the binaries that run it. */
  version: number;
  /** Stop the server (immediate: nothing in it is kept) and remove its dir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Where initdb, pg_ctl and postgres are: the highest version under /usr/lib/postgresql
 * (Debian installs each major there, without putting initdb on PATH), else
 * `pg_config --bindir`. Undefined when there is no PostgreSQL on this machine.
 */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(root, versions[0]!, 'bin');
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const bin = fromConfig.status === 0 ? fromConfig.stdout.trim() : '';
  return bin && existsSync(join(bin, 'initdb')) ? bin : undefined;
}

/** Why the PostgreSQL suites cannot run here, or undefined when they can (for `skip:`). */
export function postgresMissing(): string | undefined {
  if (!postgresBinDir()) return 'no PostgreSQL server binaries (initdb) on this machine: apt-get install postgresql, as .ci/run does';
  if (isRoot() && !systemUser('postgres')) return 'running as root, and there is no `postgres` system user to run the server as';
  return undefined;
}

const isRoot = () => process.getuid?.() === 0;

function systemUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A port nobody listens on right now (the kernel's pick); pg_ctl may still lose a race for it, so start() retries. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `durable: false` (the gateway suite's step): fsync and synchronous_commit off. Those
 * tests kill gateways, never the PostgreSQL server, so a commit that reached the server is
 * kept either way; what flushing protects against (a machine crash) is not what they
 * test, and it makes each CREATE DATABASE and commit wait for the disk. The multi-process
 * suites and the cluster benchmark keep the default (durable).
 */
export async function startPostgres({ durable = true }: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const missing = postgresMissing();
  if (!bin || missing) throw new Error(`PostgreSQL: ${missing}`);
  const version = Number(execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).match(/(\d+)\./)?.[1]);
  const owner = isRoot() ? systemUser('postgres')! : undefined;
  // As the postgres user when we are root; as ourselves otherwise.
  const asServer = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };

  const dir = mkdtempSync(join(tmpdir(), 'lapor-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  try {
    // --no-sync: initdb does not flush the template files it writes. The running server
    // keeps fsync on; only a machine crash during these seconds would matter, and the
    // cluster does not outlive the test run anyway.
    const init = asServer('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    if (!init.ok) throw new Error(`initdb failed:\n${init.out}`);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      appendFileSync(
        join(data, 'postgresql.conf'),
        [
          '',
          '# lapor-widget test cluster (test/gateway/postgres-server.ts)',
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${dir}'`,
          `max_connections = ${MAX_CONNECTIONS}`,
          `fsync = ${durable ? 'on' : 'off'}`,
          `synchronous_commit = ${durable ? 'on' : 'off'}`,
          'full_page_writes = on',
          '',
        ].join('\n'),
      );
      const start = asServer('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log]);
      if (start.ok) {
        return handle(dir, port, version, () => asServer('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', data]));
      }
      // A later `port =` line overrides this one; only a lost port race is worth another try.
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
      if (attempt >= 3 || !/could not bind|address already in use/i.test(serverLog)) {
        throw new Error(`pg_ctl start failed:\n${start.out}\n${serverLog}`);
      }
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** A cluster to make databases on: its admin URL, and stop() when done with it. */
export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * The cluster `npm test` started for the whole run (LAPOR_TEST_POSTGRES_URL, its admin
 * URL; scripts/test.mjs), so that suites do not start one each; when a file runs alone,
 * a durable cluster of its own. stop() leaves a shared cluster running.
 */
export async function sharedPostgres(): Promise<PostgresCluster> {
  const url = process.env.LAPOR_TEST_POSTGRES_URL;
  return url ? { url, stop: async () => {} } : startPostgres();
}

function handle(dir: string, port: number, version: number, stopServer: () => { ok: boolean; out: string }): PostgresServer {
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopNow);
    stopServer();
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that dies without calling stop() must not leave a server behind.
  process.on('exit', stopNow);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    version,
    stop: async () => stopNow(),
  };
}
