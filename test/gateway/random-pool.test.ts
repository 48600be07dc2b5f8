/**
 * Random bytes from the pool (services/random-pool.ts): fresh buffers of the asked size,
 * never sharing bytes with another draw, across refills, and without bias a byte
 * histogram would show.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomBytes } from '../../gateway/services/random-pool.js';

describe('pooled random bytes', () => {
  it('hands out fresh buffers of the asked size, never the same bytes twice', () => {
    const draws = Array.from({ length: 3000 }, (_, i) => randomBytes(1 + (i % 16)));
    draws.forEach((b, i) => assert.equal(b.length, 1 + (i % 16)));
    const a = randomBytes(12);
    const copy = Buffer.from(a);
    randomBytes(4096); // more than a pool's worth: drawn on its own
    for (let i = 0; i < 600; i++) randomBytes(12); // refills the pool under `a`
    assert.deepEqual(a, copy, 'a draw is a copy: later draws and refills do not change it');
    const twelves = new Set(Array.from({ length: 5000 }, () => randomBytes(12).toString('hex')));
    assert.equal(twelves.size, 5000, 'no repeats among 5,000 draws of 96 bits');
    assert.equal(randomBytes(4096).length, 4096);
  });

  it('every byte value about equally often', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4000; i++) for (const b of randomBytes(16)) counts[b]!++;
    // 64,000 bytes: 250 expected per value; a pool handing out zeros or stale bytes fails this.
    assert.ok(Math.min(...counts) > 150 && Math.max(...counts) < 350, `${Math.min(...counts)}..${Math.max(...counts)}`);
  });
});
