/**
 * Issue 22, adapter level: LAPOR!'s real answers (each a fixture in test/fixtures/lapor/
 * citing the public client it comes from) and an upstream we do not trust: redirects not
 * followed, answers cut at a byte cap, a connect timeout apart from the total one.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { UpstreamError } from '../../gateway/upstream/adapter.js';
import { authHeaderFromEnv, upstreamFromEnv } from '../../gateway/upstream/config.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_CREATE_TIMEOUT_MS, fillPlaceholders, LaporHttpAdapter, statusFor } from '../../gateway/upstream/lapor-adapter.js';
import { FixtureServer } from '../fixtures/lapor/index.js';

const AUTH = 'api-key-7f3a9c';
const TOKEN = '{4F1D2C3B-0000-4444-8888-ABCDEFABCDEF}';
const complaint = {
  trackingId: 'LPR-7K3M-Q9XD',
  title: 'Jalan berlubang di depan pasar',
  body: 'Jalan di depan Pasar Genteng berlubang besar.',
  locationText: 'Pasar Genteng',
  reporterName: null,
  incidentDate: '2026-11-20',
  anonymous: true,
  secret: false,
  channel: 13,
  classificationId: 6,
  categoryId: 436,
  locationId: 34,
  dispositionId: 151345,
};
const kindOf = (kind: string, check: (e: UpstreamError) => boolean = () => true) => (e: unknown) => e instanceof UpstreamError && e.kind === kind && check(e);

/** An HTTP server that only counts what reaches it (the "other origin" of a redirect). */
async function recorder(): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} auth=${req.headers.auth ?? ''} token=${req.headers.token ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ complaint_id: 666 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('LAPOR!\'s real answers (fixtures from public clients)', () => {
  let srv: FixtureServer;
  let lapor: LaporHttpAdapter;
  let logged: string[];
  beforeEach(async () => {
    srv = new FixtureServer();
    logged = [];
    lapor = new LaporHttpAdapter({ url: await srv.listen(), auth: AUTH, token: TOKEN }, undefined, (l) => logged.push(l));
  });
  afterEach(() => srv.close());

  it('create: both answer shapes give the complaint id: {complaint_id} and {results: {complaint: {id}}}', async () => {
    srv.replay('create');
    assert.equal(await lapor.createComplaint(complaint, []), '8123456');
    srv.replay('create-results-complaint');
    assert.equal(await lapor.createComplaint(complaint, []), '8123460');
  });

  it('create: an answer naming two different ids, or none, is "ambiguous" (it may exist: held, never resent), logged', async () => {
    srv.on('POST', '/complaints/complaint', { status: 200, body: { complaint_id: 1, results: { complaint: { id: 2 } } } });
    await assert.rejects(lapor.createComplaint(complaint, []), kindOf('ambiguous'));
    srv.on('POST', '/complaints/complaint', { status: 200, body: { success: true, message: 'ok' } });
    await assert.rejects(lapor.createComplaint(complaint, []), kindOf('ambiguous'));
    srv.on('POST', '/complaints/complaint', { status: 200, body: { complaint_id: '../../etc' } });
    await assert.rejects(lapor.createComplaint(complaint, []), kindOf('ambiguous'), 'an id that is not digits is not adopted');
    assert.equal(logged.length, 3);
  });

  it('success:false anywhere is LAPOR! declining, with its message: create, followup/add, process/{id}/reject', async () => {
    srv.replay('create-declined', 'followup-add-declined', 'reject-declined');
    await assert.rejects(lapor.createComplaint(complaint, []), kindOf('declined', (e) => e.detail.laporMessage === 'Kategori tidak aktif untuk kanal ini'));
    await assert.rejects(
      lapor.addFollowup('8123456', { content: 'Terima kasih', rating: 0, secret: false }),
      kindOf('declined', (e) => e.detail.laporMessage === 'Laporan sudah ditutup, tindak lanjut tidak dapat ditambahkan'),
    );
    await assert.rejects(lapor.forward('8123456', 2101, 'Diteruskan ke Dinas Kesehatan'), kindOf('declined', (e) => /sudah pernah diajukan/.test(e.detail.laporMessage!)));
  });

  it('401 is a credentials problem (not the request\'s), with LAPOR!\'s message', async () => {
    srv.replay('unauthenticated');
    await assert.rejects(lapor.institutions(), kindOf('credentials', (e) => e.detail.status === 401 && e.detail.laporMessage === 'Unauthenticated.'));
  });

  it('a disposition follow-up (template_code: disposition) is a hand-over to the named institution, its template filled as text; the next one is a message', async () => {
    srv.replay('followups-disposition');
    const { items } = await lapor.followups('8123456', 1);
    assert.deepEqual(
      items.map((f) => [f.kind, f.at.toISOString(), f.message, f.institutionTo?.name]),
      [
        ['disposition', '2026-12-07T03:15:00.000Z', 'Kementerian Sekretariat Negara mendisposisikan laporan ke Kecamatan Genteng', 'Kecamatan Genteng'],
        ['message', '2026-12-07T06:40:00.000Z', 'Petugas kami sudah meninjau lokasi.', undefined],
      ],
    );
  });

  it('Ditolak: the reason is the latest status_logs[].note, not the raw log template', async () => {
    srv.replay('complaint-status-logs');
    const d = await lapor.detail('8123457');
    assert.equal(d.status, 'archived');
    assert.equal(d.note, 'Bukan kewenangan instansi mana pun; silakan ajukan ke pengadilan.');
    const archived = d.milestones.find((m) => m.status === 'archived')!;
    assert.equal(archived.reason, 'Ditolak: Bukan kewenangan instansi mana pun; silakan ajukan ke pengadilan.');
    assert.equal(archived.at!.toISOString(), '2026-12-08T01:30:00.000Z');
    assert.doesNotMatch(JSON.stringify(d), /\{\{/);
  });

  it('Sudah Terverifikasi → verified; Tunda → on_hold with its note filled, after the disposition to LAPOR!\'s institution id', async () => {
    srv.replay('complaint-sudah-terverifikasi');
    const verified = await lapor.detail('8123456');
    assert.equal(verified.status, 'verified');
    assert.equal(verified.milestones.find((m) => m.status === 'verified')!.at!.toISOString(), '2026-12-07T02:40:00.000Z');
    srv.replay('complaint-tunda');
    const held = await lapor.detail('8123456');
    assert.equal(held.status, 'on_hold');
    assert.deepEqual(held.milestones.find((m) => m.status === 'forwarded')!.institution, { id: 2102, name: 'Kecamatan Genteng' });
    assert.equal(held.milestones.find((m) => m.status === 'on_hold')!.reason, 'Tunda: Menunggu hasil survei lapangan dari Kecamatan Genteng.');
  });
});

describe('LAPOR! status names and placeholders', () => {
  it('every status name the public clients know is mapped (any case and spacing); others are not guessed', () => {
    const known: [string, string][] = [
      ['Belum Terverifikasi', 'submitted'],
      ['Terverifikasi', 'verified'],
      ['Sudah Terverifikasi', 'verified'],
      ['Dalam Proses', 'in_progress'],
      ['Tunda', 'on_hold'],
      ['Selesai', 'completed'],
      ['Diarsipkan', 'archived'],
      ['Ditolak', 'archived'],
      ['  sudah  TERVERIFIKASI ', 'verified'],
    ];
    for (const [name, ours] of known) assert.equal(statusFor(name), ours, name);
    assert.equal(statusFor('API Error'), undefined, 'admin_lmw_v2\'s own status, not LAPOR!\'s');
    assert.equal(statusFor('Penanganan Selesai'), undefined, 'whatsapp-admin\'s own status');
  });

  it('placeholders are filled the way the public clients fill them, as text', () => {
    // admin_lmw_v2 LaporForwardingService::renderLogContent: names, and statuses from the JSON string "data".
    assert.equal(
      fillPlaceholders('{{institution_from}} mengubah status dari {{status_old}} menjadi {{status_new}}', {
        institution_from_name: 'Kementerian Sekretariat Negara',
        data: '{"status_old":{"name":"Dalam Proses"},"status_new":{"name":"Ditolak"}}',
      }),
      'Kementerian Sekretariat Negara mengubah status dari Dalam Proses menjadi Ditolak',
    );
    // ForwardingController::renderLogContent: spaced placeholders, nested objects, {{institution}}.
    assert.equal(
      fillPlaceholders('{{ institution_from }} → {{ institution_to }} ({{institution}}): {{ status_new }}', {
        institution_from_id: { name: 'Dinas Kesehatan' },
        institution_to_id: { name: 'Puskesmas Kabat' },
        institution: { name: 'Kabupaten Banyuwangi' },
        status_new: { name: 'Selesai' },
      }),
      'Dinas Kesehatan → Puskesmas Kabat (Kabupaten Banyuwangi): Selesai',
    );
    // whatsapp-admin followup.blade.php: links dropped, unknown values "-", the HTML it renders becomes text.
    assert.equal(fillPlaceholders('<b>{{institution_from}}</b> ke <a href="{{institution_to_link}}">{{institution_to}}</a> {{unknown}}', {}), '- ke - -');
  });
});

describe('an upstream we do not trust', () => {
  let srv: FixtureServer;
  beforeEach(async () => {
    srv = new FixtureServer();
    await srv.listen();
  });
  afterEach(() => srv.close());

  it('a 307 to another origin is not followed: nothing (no key, no token, no report) reaches it, and its complaint id is not adopted', async () => {
    const other = await recorder();
    try {
      const lapor = new LaporHttpAdapter({ url: srv.url, auth: AUTH, token: TOKEN }, undefined, () => {});
      srv.on('POST', '/complaints/complaint', { status: 307, body: {}, headers: { Location: `${other.url}/complaints/complaint` } });
      srv.on('GET', '/complaints/1/complaint', { status: 308, body: {}, headers: { Location: `${other.url}/complaints/1/complaint` } });
      await assert.rejects(lapor.createComplaint(complaint, []), kindOf('ambiguous', (e) => /307 redirect to http:\/\/127\.0\.0\.1:\d+, not followed/.test(e.message)));
      await assert.rejects(lapor.detail('1'), kindOf('ambiguous'));
      assert.deepEqual(other.hits, []);
      assert.equal(srv.seen.length, 2);
    } finally {
      await other.close();
    }
  });

  it('a 400 MB answer is cut at the byte cap: read as a stream, never held whole', async () => {
    let written = 0;
    const huge = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 400 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    await new Promise<void>((r) => huge.listen(0, '127.0.0.1', r));
    try {
      const lapor = new LaporHttpAdapter({ url: `http://127.0.0.1:${(huge.address() as AddressInfo).port}`, auth: AUTH, token: TOKEN, maxAnswerBytes: 1024 * 1024 }, undefined, () => {});
      const before = process.memoryUsage().rss;
      await assert.rejects(lapor.detail('1'), kindOf('ambiguous', (e) => /over the 1048576-byte cap/.test(e.message)));
      const grew = process.memoryUsage().rss - before;
      assert.ok(written < 64 * 1024 * 1024, `the server got to write ${written} bytes before we hung up`);
      assert.ok(grew < 64 * 1024 * 1024, `memory grew ${grew} bytes`);
    } finally {
      huge.closeAllConnections();
      await new Promise<void>((r) => huge.close(() => r()));
    }
  });

  it('a connection that never completes (TLS handshake unanswered) times out on the CONNECT timeout, and counts as not sent', async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((s) => void sockets.push(s)); // accepts TCP, never answers TLS
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const lapor = new LaporHttpAdapter({ url: `https://127.0.0.1:${port}`, auth: AUTH, token: TOKEN, connectTimeoutMs: 200, createTimeoutMs: 5000 }, undefined, () => {});
      const t0 = Date.now();
      await assert.rejects(lapor.createComplaint(complaint, []), kindOf('unsent', (e) => /ECONNECTTIMEOUT/.test(e.message)));
      const took = Date.now() - t0;
      assert.ok(took >= 190 && took < 2000, `gave up after ${took} ms`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('a create may take longer than any other request: its own total timeout; past it, "ambiguous" (it was sent)', async () => {
    // Every answer takes "35 s".
    const server: Server = createServer((req, res) => {
      req.resume();
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(req.url === '/complaints/complaint' ? { complaint_id: 7 } : { results: { data: [] } }));
      }, 350);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The public client's 90 s / 30 s, at a hundredth: a 35 s answer is 350 ms here.
      const lapor = new LaporHttpAdapter({ url, auth: AUTH, token: TOKEN, timeoutMs: 300, createTimeoutMs: 900, connectTimeoutMs: 300 }, undefined, () => {});
      assert.equal(await lapor.createComplaint(complaint, []), '7', 'a create answered after "35 s" is read');
      await assert.rejects(lapor.institutions(), kindOf('ambiguous', (e) => /ETIMEDOUT/.test(e.message)), 'any other request gives up after "30 s"');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('LAPOR_UPSTREAM_AUTH_HEADER and the timeouts from the environment', () => {
  const base = { LAPOR_UPSTREAM_URL: 'https://api-splp.layanan.go.id/lapor/3.0.0', LAPOR_UPSTREAM_AUTH: 'k', LAPOR_UPSTREAM_TOKEN: 't' };

  it('auth (production SPLP) by default; Authorization for the training API; any case', () => {
    assert.equal(upstreamFromEnv(base)!.authHeader, 'auth');
    assert.equal(upstreamFromEnv({ ...base, LAPOR_UPSTREAM_AUTH_HEADER: 'Authorization' })!.authHeader, 'Authorization');
    assert.equal(authHeaderFromEnv('AUTHORIZATION'), 'Authorization');
    assert.equal(authHeaderFromEnv(' auth '), 'auth');
  });

  it('a bad value stops the start with one line naming the variable and both choices', () => {
    assert.throws(
      () => upstreamFromEnv({ ...base, LAPOR_UPSTREAM_AUTH_HEADER: 'X-Api-Key' }),
      (e: Error) => /^LAPOR_UPSTREAM_AUTH_HEADER: "X-Api-Key" is neither "auth" \(production SPLP gateway, the default\) nor "Authorization" \(LAPOR!'s training API\)$/.test(e.message) && !e.message.includes('\n'),
    );
  });

  it('create 90 s in all and 30 s to connect unless set (the public client\'s connectTimeout(30)->timeout(90))', () => {
    assert.equal(DEFAULT_CREATE_TIMEOUT_MS, 90_000);
    assert.equal(DEFAULT_CONNECT_TIMEOUT_MS, 30_000);
    const o = upstreamFromEnv({ ...base, LAPOR_UPSTREAM_CREATE_TIMEOUT_MS: '120000', LAPOR_UPSTREAM_CONNECT_TIMEOUT_MS: '10000', LAPOR_UPSTREAM_CONCURRENCY: '8' })!;
    assert.deepEqual([o.createTimeoutMs, o.connectTimeoutMs, o.concurrency], [120_000, 10_000, 8]);
    assert.throws(() => upstreamFromEnv({ ...base, LAPOR_UPSTREAM_CONCURRENCY: '0' }), /LAPOR_UPSTREAM_CONCURRENCY: "0" must be at least 1/);
  });
});
