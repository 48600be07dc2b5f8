/** Notification settings (DESIGN.md "Running it": LAPOR_SMTP_URL, LAPOR_WHATSAPP_*). */

export interface NotifyOptions {
  /** LAPOR_SMTP_URL, e.g. `smtp://user:pass@host:587`; unset = no email. */
  smtpUrl?: string;
  /** LAPOR_MAIL_FROM: the From header of every email. */
  mailFrom?: string;
  /** LAPOR_WHATSAPP_URL: the Graph API base, e.g. `https://graph.facebook.com/v23.0`; unset = no WhatsApp. */
  whatsappUrl?: string;
  /** LAPOR_WHATSAPP_TOKEN: the system user's access token (sent as Bearer). */
  whatsappToken?: string;
  /** LAPOR_WHATSAPP_PHONE_ID: the business phone number id messages are sent from. */
  whatsappPhoneId?: string;
  /** LAPOR_PUBLIC_URL: where links in messages point (follow, opt-out); default: the URL the gateway listens on. */
  publicUrl?: string;
  /** LAPOR_CONTACT_RETENTION_DAYS: contact details are erased this long after a report closes. Default 30. */
  retentionDays?: number;
  /** How often the worker looks for due messages (ms); 0 = no timer (tests call `drain()`). Default 2 000. */
  intervalMs?: number;
  /** Attempts before a message is given up (`failed`). Default 8. */
  maxAttempts?: number;
  /** First retry delay (ms), doubled per attempt up to an hour. Default 30 000. */
  backoffMs?: number;
  /** A claimed message not marked sent after this long (a crash mid-send) is sent again. Default 5 min. */
  leaseMs?: number;
}

export function notifyFromEnv(env: NodeJS.ProcessEnv): NotifyOptions {
  const days = env.LAPOR_CONTACT_RETENTION_DAYS ? Number(env.LAPOR_CONTACT_RETENTION_DAYS) : undefined;
  if (days !== undefined && !(days >= 0)) throw new Error(`LAPOR_CONTACT_RETENTION_DAYS: expected a number of days, got "${env.LAPOR_CONTACT_RETENTION_DAYS}"`);
  const wa = [env.LAPOR_WHATSAPP_URL, env.LAPOR_WHATSAPP_TOKEN, env.LAPOR_WHATSAPP_PHONE_ID];
  if (wa.some(Boolean) && !wa.every(Boolean)) {
    throw new Error('WhatsApp needs all of LAPOR_WHATSAPP_URL, LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID');
  }
  if (env.LAPOR_SMTP_URL && !env.LAPOR_MAIL_FROM) throw new Error('LAPOR_SMTP_URL needs LAPOR_MAIL_FROM (the From address)');
  return {
    smtpUrl: env.LAPOR_SMTP_URL || undefined,
    mailFrom: env.LAPOR_MAIL_FROM || undefined,
    whatsappUrl: env.LAPOR_WHATSAPP_URL || undefined,
    whatsappToken: env.LAPOR_WHATSAPP_TOKEN || undefined,
    whatsappPhoneId: env.LAPOR_WHATSAPP_PHONE_ID || undefined,
    publicUrl: env.LAPOR_PUBLIC_URL || undefined,
    retentionDays: days,
  };
}
