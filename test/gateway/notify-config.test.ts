/** Notification settings from the environment: half a channel stops the start with one line. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { notifyFromEnv } from '../../gateway/notify/options.js';
import { waNumber } from '../../gateway/notify/senders.js';
import { OptOutTokens } from '../../gateway/notify/tokens.js';

describe('notification settings', () => {
  it('reads the names pinned in DESIGN.md and refuses half a channel', () => {
    assert.deepEqual(notifyFromEnv({ LAPOR_SMTP_URL: 'smtp://mail:25', LAPOR_MAIL_FROM: 'lapor@x.id', LAPOR_CONTACT_RETENTION_DAYS: '7' }), {
      smtpUrl: 'smtp://mail:25',
      mailFrom: 'lapor@x.id',
      whatsappUrl: undefined,
      whatsappToken: undefined,
      whatsappPhoneId: undefined,
      publicUrl: undefined,
      retentionDays: 7,
    });
    assert.throws(() => notifyFromEnv({ LAPOR_SMTP_URL: 'smtp://mail:25' }), /LAPOR_MAIL_FROM/);
    assert.throws(() => notifyFromEnv({ LAPOR_WHATSAPP_URL: 'https://graph.facebook.com/v23.0' }), /LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID/);
    assert.throws(() => notifyFromEnv({ LAPOR_CONTACT_RETENTION_DAYS: 'forever' }), /LAPOR_CONTACT_RETENTION_DAYS/);
  });

  it('writes Indonesian mobile numbers with their country code, as the Cloud API takes them', () => {
    for (const n of ['081234567890', '6281234567890', '+62 812-3456-7890']) assert.equal(waNumber(n), '6281234567890');
  });

  it('an opt-out link names one channel of one report and cannot be altered', () => {
    const tokens = new OptOutTokens(Buffer.from('k'));
    const t = tokens.sign('LPR-AAAA-BBBB', 'email');
    assert.deepEqual(tokens.verify(t), { trackingId: 'LPR-AAAA-BBBB', channel: 'email' });
    assert.equal(tokens.verify(t.replace('email', 'whatsapp')), undefined);
    assert.equal(tokens.verify(t.replace('LPR-AAAA-BBBB', 'LPR-AAAA-CCCC')), undefined);
    assert.equal(new OptOutTokens(Buffer.from('other')).verify(t), undefined);
  });
});
