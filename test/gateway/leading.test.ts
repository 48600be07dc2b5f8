/**
 * `gateway.leading`: whether this process runs the singletons (breach scheduler,
 * forwarder, notification and WhatsApp workers). On SQLite a gateway always leads; on
 * PostgreSQL it leads once it holds their advisory locks, one process at a time, and
 * another takes over when it goes. Test gateways are handed to a test only once they lead
 * (helpers.ts startGateway): CI once failed on a test that drained the forwarder before its
 * start, which then undid what the test had just checked.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startGateway } from './helpers.js';

const onPostgres = !!process.env.LAPOR_TEST_DATABASE_URL;

describe('gateway.leading', () => {
  it('a gateway alone in its database leads by the time the test gets it', async () => {
    const g = await startGateway();
    try {
      assert.equal(g.gw.leading, true);
    } finally {
      await g.close();
    }
  });

  it('a second process on the same database does not lead, and takes over when the first stops', { skip: !onPostgres && 'PostgreSQL only (on SQLite a file has one gateway, which always leads)' }, async () => {
    const first = await startGateway({ leaderRetryMs: 50 });
    const second = await startGateway({ leaderRetryMs: 50, databaseUrl: first.options.databaseUrl, dataDir: first.dir });
    try {
      // Several retry periods: it still does not lead while the first does.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(second.gw.leading, false);
      assert.equal(first.gw.leading, true);
      await first.stop();
      await eventually(() => second.gw.leading, 10_000);
    } finally {
      await second.close();
      await first.close(); // drops the shared database, now that nothing uses it
    }
  });
});
