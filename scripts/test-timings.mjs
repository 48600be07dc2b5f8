// Per-test durations for `npm test`'s closing "slowest tests" list (scripts/test.mjs).
//
// - As a node:test reporter (`--test-reporter=./scripts/test-timings.mjs`): one JSON line
//   per finished test (not per suite): {file, name, ms}, `name` prefixed with its suites.
// - `wtrTimings(path)`: a web-test-runner reporter that appends the same lines to `path`.
// - `readTimings(path)`: the lines back, for the runner.
import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const line = (file, name, ms) => `${JSON.stringify({ file: file ? relative(process.cwd(), file) : '?', name, ms })}\n`;

export default async function* nodeTestTimings(source) {
  // Per file, the names of the suites open at each nesting level (files may run side by side).
  const open = new Map();
  for await (const event of source) {
    const data = event.data;
    if (event.type === 'test:start') {
      if (!open.has(data.file)) open.set(data.file, []);
      open.get(data.file)[data.nesting] = data.name;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (data.details?.type === 'suite' || data.skip || data.todo) continue;
    const name = [...(open.get(data.file) ?? []).slice(0, data.nesting), data.name].join(' › ');
    yield line(data.file, name, data.details?.duration_ms ?? 0);
  }
}

/** web-test-runner reporter: every test's duration, written when the run finishes. */
export function wtrTimings(path) {
  const walk = (file, suite, prefix) => {
    let out = '';
    const name = (n) => [...prefix, n].filter(Boolean).join(' › ');
    for (const t of suite.tests ?? []) if (!t.skipped) out += line(file, name(t.name), t.duration ?? 0);
    for (const s of suite.suites ?? []) out += walk(file, s, [...prefix, s.name]);
    return out;
  };
  return {
    onTestRunFinished({ sessions }) {
      appendFileSync(path, sessions.map((s) => (s.testResults ? walk(s.testFile, s.testResults, []) : '')).join(''));
    },
  };
}

/** The lines a run wrote (none if the file is missing). */
export function readTimings(path) {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}
