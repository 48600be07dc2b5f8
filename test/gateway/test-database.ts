/**
 * Which database a test gateway gets. With `LAPOR_TEST_DATABASE_URL` (a PostgreSQL admin
 * URL: `npm test`'s gateway-pg step points it at a throwaway cluster) every call creates
 * a fresh, uniquely named database, so tests never see each other's rows; without it the
 * gateway stays on its SQLite file (url undefined).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** `postgres://…/<fresh database>`, or undefined: use SQLite. */
  url?: string;
  /** Drop the database (WITH FORCE: a killed gateway may still hold connections). */
  drop(): Promise<void>;
}

/** `admin`: a server's admin URL (the multi-process suite and the cluster bench pass their own server's). */
export async function testDatabase(admin = process.env.LAPOR_TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!admin) return { url: undefined, drop: async () => {} };
  // Lower case letters and digits only: no quoting surprises, valid on every PostgreSQL.
  const name = `lapor_test_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
  await onAdmin(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await onAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** One statement on a short-lived admin connection, outside any transaction (CREATE/DROP DATABASE refuse to run inside one). */
async function onAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
