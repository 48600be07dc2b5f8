import { spawnSync } from 'node:child_process';
const { tsImport } = await import('tsx/esm/api');
const { startPostgres } = await tsImport('/work/wt/24/test/gateway/postgres-server.ts', import.meta.url);
const server = await startPostgres({ durable: false });
try {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, LAPOR_TEST_DATABASE_URL: server.url }, cwd: '/work/wt/24' });
  process.exitCode = r.status ?? 1;
} finally {
  await server.stop();
}
