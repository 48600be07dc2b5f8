#!/usr/bin/env node
// `npm test`: every suite, in order, one after another (two cores: never two browsers
// at once). Prints one closing line "N passed, N failed" summed over all suites.
//
//   typecheck → unit + components (web-test-runner, Chromium) → node (node:test: the
//   SDK under Node, the gateway over real HTTP + SQLite) → gateway-pg (the gateway suite
//   again on a throwaway PostgreSQL) → build → package (publint,
//   arethetypeswrong, test/package) → size budgets → e2e (playwright-core, real gateway)
//
// `npm test -- --only=unit,node` runs a subset.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');

function findTests(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function run(cmd, args, parse, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let text = '';
    const onData = (stream) => (chunk) => {
      text += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    // Runners colour their summaries even when asked not to: strip ANSI before counting.
    const plain = () => text.replace(/\x1b\[[0-9;]*m/g, '');
    child.on('close', (code) => resolve({ code: code ?? 1, counts: parse ? parse(plain()) : null }));
  });
}

const wtrCounts = (text) => {
  const all = [...text.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  return last ? { passed: +last[1], failed: +last[2] } : null;
};
const nodeCounts = (text) => {
  // The spec reporter's closing lines ("ℹ pass 89"); counting ✔ marks would count suites too.
  const pass = [...text.matchAll(/^(?:#|ℹ) pass (\d+)/gm)].at(-1);
  const fail = [...text.matchAll(/^(?:#|ℹ) fail (\d+)/gm)].at(-1);
  return pass ? { passed: +pass[1], failed: +(fail?.[1] ?? 0) } : null;
};

const npx = (bin, args, parse) => run('npx', ['--no-install', bin, ...args], parse);
const nodeTest = (files, env) =>
  run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter=tap', '--test-reporter-destination=stdout', '--test-reporter-destination=/dev/null', ...files], (text) => {
    const passed = (text.match(/^\s*✔ /gm) ?? []).length;
    const failed = (text.match(/^\s*✖ /gm) ?? []).length;
    return nodeCounts(text) ?? { passed, failed };
  }, env);

/**
 * The gateway suite again, on PostgreSQL: one throwaway cluster for the step
 * (test/gateway/postgres-server.ts, Debian's binaries; .ci/run installs them), each test
 * gateway in a fresh database on it (LAPOR_TEST_DATABASE_URL, test/gateway/test-database.ts).
 * The suites that are about PostgreSQL itself start their own server and already ran in
 * the node step. Without PostgreSQL binaries the step is skipped, saying why.
 */
async function gatewayOnPostgres() {
  const { tsImport } = await import('tsx/esm/api');
  const { postgresMissing, startPostgres } = await tsImport('../test/gateway/postgres-server.ts', import.meta.url);
  const missing = postgresMissing();
  if (missing) {
    console.log(`gateway-pg SKIPPED: ${missing}`);
    return { code: 0, counts: null };
  }
  const files = findTests('test/gateway').filter((f) => !/[/\\](postgres-server|multi-process|notify-cluster|whatsapp-cluster)\.test\.ts$/.test(f));
  let server;
  try {
    server = await startPostgres({ durable: false });
  } catch (err) {
    console.log(`gateway-pg: ${err.message}`);
    return { code: 1, counts: { passed: 0, failed: 1 } };
  }
  console.log(`PostgreSQL ${server.version} on ${server.url} (${server.dir})`);
  try {
    return await nodeTest(files, { LAPOR_TEST_DATABASE_URL: server.url });
  } finally {
    await server.stop();
  }
}

/**
 * The package as npm would publish it (needs the build): publint, arethetypeswrong with
 * the esm-only profile (both offline: `attw --pack` packs locally), and test/package
 * (source maps, packed files). Each tool counts as one test.
 */
async function packageChecks() {
  const tool = async (bin, args) => {
    const { code } = await npx(bin, args);
    return { code, counts: { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 } };
  };
  const results = [await tool('publint', ['--strict']), await tool('attw', ['--pack', '.', '--profile', 'esm-only']), await nodeTest(findTests('test/package'))];
  const sum = (key) => results.reduce((n, r) => n + (r.counts?.[key] ?? 0), 0);
  return { code: results.some((r) => r.code !== 0) ? 1 : 0, counts: { passed: sum('passed'), failed: sum('failed') } };
}

const steps = [
  ['typecheck', () => npx('tsc', ['--noEmit', '-p', 'tsconfig.json'])],
  ['unit', () => npx('wtr', [], wtrCounts)],
  ['node', () => { const f = [...findTests('test/node'), ...findTests('test/gateway'), ...findTests('test/build')]; return f.length ? nodeTest(f) : null; }],
  ['gateway-pg', gatewayOnPostgres],
  ['build', () => run('npm', ['run', '--silent', 'build'])],
  ['package', packageChecks],
  ['size', () => run('npm', ['run', '--silent', 'size'])],
  ['e2e', () => { const f = findTests('test/e2e'); return f.length ? nodeTest(f) : null; }],
];

let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();
for (const [name, step] of steps) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const job = step();
  if (!job) {
    console.log(`(no ${name} tests)`);
    continue;
  }
  const { code, counts } = await job;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (code !== 0) failures.push(name);
  console.log(`=== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
}
console.log(`\nsuites failed: ${failures.length ? failures.join(', ') : 'none'}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (failures.length && failed === 0) failed = failures.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
