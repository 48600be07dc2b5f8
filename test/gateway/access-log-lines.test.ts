/**
 * The access log's writer (http/access-log.ts linesPerTurn): the lines of one event-loop
 * turn go out in one write, in order, each ending in a newline; nothing is held past the
 * turn, and what is pending when the process exits is still written.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { linesPerTurn } from '../../gateway/http/access-log.js';

describe('access log lines, one write per turn', () => {
  it('gathers the lines of a turn into one write, in order', async () => {
    const writes: string[] = [];
    const log = linesPerTurn((text) => writes.push(text));
    log('{"n":1}');
    log('{"n":2}');
    log('{"n":3}');
    assert.deepEqual(writes, [], 'nothing written mid-turn');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(writes, ['{"n":1}\n{"n":2}\n{"n":3}\n']);
    log('{"n":4}');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(writes.slice(1), ['{"n":4}\n'], 'the next turn is its own write');
  });

  it('writes what is pending when the process exits', () => {
    const script = `
      import { linesPerTurn } from ${JSON.stringify(new URL('../../gateway/http/access-log.ts', import.meta.url).href)};
      const log = linesPerTurn((text) => process.stdout.write(text));
      log('last words');
      process.exit(0);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(out, 'last words\n');
  });
});
