/**
 * LAPOR_ESCALATION (issue 28) is checked at start: an invalid file, an unknown
 * institution or a contact on a channel that is not configured stops the start with one
 * line naming the place and what to write, never a stack trace.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEscalation } from '../../gateway/escalation/config.js';
import { REPO_ROOT } from '../../gateway/gateway.js';
import { startGateway, SPAWNS_SQLITE_ONLY } from './helpers.js';

const valid = {
  steps: [{ at: '-60m', to: 'institution' }, { at: '-15m', to: 'head' }, { at: '0m', to: 'regent' }],
  institutions: { 'kec-genteng': { steps: [{ at: '-30m', to: 'institution' }, { at: '0m', to: 'head' }] } },
  contacts: {
    institution: { 'opd-dinkes': [{ email: 'admin.dinkes@example.go.id' }, { whatsapp: '6281234567890' }] },
    head: { 'opd-dinkes': [{ email: 'kadis@example.go.id' }] },
    regent: [{ email: 'pengaduan@example.go.id' }],
  },
};
const change = (f: (v: any) => void) => {
  const copy = structuredClone(valid) as any;
  f(copy);
  return JSON.stringify(copy);
};

describe('LAPOR_ESCALATION: the file', () => {
  it("reads the issue's example: steps in time order, per-institution chains, contacts by channel", () => {
    const c = parseEscalation(JSON.stringify(valid));
    assert.deepEqual(c.steps.map((s) => [s.at, s.to, s.urgent, s.key]), [[-60, 'institution', false, '-60m:institution'], [-15, 'head', false, '-15m:head'], [0, 'regent', false, '0m:regent']]);
    assert.deepEqual(c.institutions.get('kec-genteng')!.map((s) => s.key), ['-30m:institution', '0m:head']);
    assert.deepEqual(c.contacts.institution.get('opd-dinkes'), [
      { channel: 'email', address: 'admin.dinkes@example.go.id', lang: 'id' },
      { channel: 'whatsapp', address: '6281234567890', lang: 'id' },
    ]);
    assert.deepEqual(parseEscalation(change((v) => (v.steps = [{ at: '+2h', to: 'regent', urgent: true }, { at: '-0m', to: 'head' }]))).steps.map((s) => [s.key, s.urgent]), [['0m:head', false], ['+120m:regent', true]]);
  });

  const faults: Array<[string, string, RegExp]> = [
    ['not JSON', '{"steps": [', /^LAPOR_ESCALATION: not valid JSON/],
    ['no steps', change((v) => delete v.steps), /^LAPOR_ESCALATION: steps: expected a non-empty list/],
    ['a bad time', change((v) => (v.steps[0].at = '-60')), /^LAPOR_ESCALATION: steps\[0\]\.at: minutes or hours relative to the deadline, e\.g\. "-60m", "0m", "\+2h" \(got "-60"\)/],
    ['an unknown recipient', change((v) => (v.steps[1].to = 'kadis')), /^LAPOR_ESCALATION: steps\[1\]\.to: one of "institution", "head", "regent" \(got "kadis"\)/],
    ['a misspelt key', change((v) => (v.steps[2].urgnet = true)), /^LAPOR_ESCALATION: steps\[2\]: unknown key "urgnet"/],
    ['a step twice', change((v) => v.steps.push({ at: '-1h', to: 'institution' })), /the step -60m:institution is listed twice/],
    ['a bad email', change((v) => (v.contacts.regent[0].email = 'pengaduan at example')), /^LAPOR_ESCALATION: contacts\.regent\[0\]\.email: not an email address/],
    ['a bad WhatsApp number', change((v) => (v.contacts.head['opd-dinkes'] = [{ whatsapp: '0812-345' }])), /contacts\.head\.opd-dinkes\[0\]\.whatsapp: the number with its country code/],
    ['both channels in one contact', change((v) => (v.contacts.regent = [{ email: 'a@b.id', whatsapp: '6281234567890' }])), /give exactly one of "email" and "whatsapp"/],
    ['service hours without a source', change((v) => (v.serviceHours = { regent: { days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30' } })), /serviceHours\.regent\.source: say where these hours come from/],
    ['service hours that end before they start', change((v) => (v.serviceHours = { regent: { days: [1], start: '15:30', end: '07:30', source: 'x' } })), /serviceHours\.regent: Service hours must end after they start/],
    ['a contact role that does not exist', change((v) => (v.contacts.bupati = [])), /^LAPOR_ESCALATION: contacts: unknown key "bupati"/],
  ];
  for (const [name, text, expected] of faults) {
    it(`refuses ${name}, in one line`, () => {
      assert.throws(() => parseEscalation(text), (e: Error) => expected.test(e.message) && !e.message.includes('\n'));
    });
  }
});

describe('LAPOR_ESCALATION: at start', () => {
  it('an unknown institution or an unconfigured channel stops createGateway', async () => {
    await assert.rejects(
      startGateway({ escalation: parseEscalation(change((v) => (v.contacts.head['opd-dinkez'] = [{ email: 'x@y.id' }]))), notify: { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'a@b.id', whatsappUrl: 'http://127.0.0.1:1', whatsappToken: 't', whatsappPhoneId: '1' } }),
      /^Error: LAPOR_ESCALATION: unknown institution "opd-dinkez" in contacts\.head \(not in the reference data\)$/,
    );
    await assert.rejects(
      startGateway({ escalation: parseEscalation(JSON.stringify(valid)), notify: { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'a@b.id' } }),
      /LAPOR_ESCALATION: contacts use WhatsApp, but LAPOR_WHATSAPP_URL, LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID are not set/,
    );
  });

  describe('the real process (gateway/main.ts)', { skip: SPAWNS_SQLITE_ONLY }, () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'lapor-escalation-config-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const start = (file: string, content: string) => {
      writeFileSync(join(dir, file), content);
      return spawnSync(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          PORT: '0',
          LAPOR_DB: join(dir, `${file}.db`),
          LAPOR_DATA_DIR: dir,
          LAPOR_REFERENCE: join(REPO_ROOT, 'demo', 'seed-data.json'),
          LAPOR_ESCALATION: join(dir, file),
          LAPOR_SMTP_URL: 'smtp://127.0.0.1:1',
          LAPOR_MAIL_FROM: 'lapor@banyuwangi.example',
          LAPOR_WHATSAPP_URL: 'http://127.0.0.1:1',
          LAPOR_WHATSAPP_TOKEN: 't',
          LAPOR_WHATSAPP_PHONE_ID: '1',
        },
        encoding: 'utf8',
        timeout: 30_000,
      });
    };

    it('an invalid file: one line, exit 1', () => {
      const r = start('bad.json', change((v) => (v.steps[0].at = 'sejam sebelum')));
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `LAPOR! gateway not started: LAPOR_ESCALATION (${join(dir, 'bad.json')}): steps[0].at: minutes or hours relative to the deadline, e.g. "-60m", "0m", "+2h" (got "sejam sebelum")\n`,
      );
    });

    it('an unknown institution: one line, exit 1', () => {
      const r = start('unknown.json', change((v) => (v.institutions['kec-gentong'] = { steps: [{ at: '0m', to: 'head' }] })));
      assert.equal(r.status, 1);
      assert.equal(r.stderr, 'LAPOR! gateway not started: LAPOR_ESCALATION: unknown institution "kec-gentong" in institutions (not in the reference data)\n');
    });
  });
});
