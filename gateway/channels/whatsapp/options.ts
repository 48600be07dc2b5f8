/**
 * WhatsApp intake settings (DESIGN.md "Running it": LAPOR_WHATSAPP_APP_SECRET and
 * LAPOR_WHATSAPP_VERIFY_TOKEN, with the three LAPOR_WHATSAPP_* the notifications use).
 */
import type { BucketOptions } from '../../options.js';

export interface WhatsAppIntakeOptions {
  /** LAPOR_WHATSAPP_APP_SECRET: the Meta app's secret; every POST is signed with it (X-Hub-Signature-256). */
  appSecret: string;
  /** LAPOR_WHATSAPP_VERIFY_TOKEN: what Meta's verification GET must carry as `hub.verify_token`. */
  verifyToken: string;
  /** LAPOR_WHATSAPP_IDLE_MINUTES: an unfinished draft is dropped (politely) after this long without a message. Default 120. */
  idleMinutes?: number;
  /**
   * A number's messages are handled once it has been quiet this long (ms), in WhatsApp's
   * own order: Meta may deliver a later message first. Default 1 500.
   */
  settleMs?: number;
  /** …but never held longer than this (ms) while the number keeps writing. Default 6 000. */
  maxHoldMs?: number;
  /** How often the worker looks for work besides being woken (ms); 0 = no timer (tests call drain()). Default 1 000. */
  intervalMs?: number;
  /** Reports one number may file in 24 hours. Default 5. */
  reportsPerDay?: number;
  /** A second report on the same category within this long asks first (ms). Default 30 minutes. */
  sameTopicMs?: number;
  /** Messages per number (a flood is dropped, with one notice). Default 40, +1 per 3 s. */
  inbound?: BucketOptions | false;
  /** Per Cloud API request (ms). Default 15 000. */
  timeoutMs?: number;
  /** First retry delay of a failed send or media fetch (ms), doubling up to 10 minutes. Default 5 000. */
  backoffMs?: number;
}

export const DEFAULT_INBOUND: BucketOptions = { capacity: 40, refillPerSecond: 1 / 3 };

/** Both variables or neither; they need the three LAPOR_WHATSAPP_* of the notifications (checked by their parser). */
export function whatsappIntakeFromEnv(env: NodeJS.ProcessEnv): WhatsAppIntakeOptions | undefined {
  const { LAPOR_WHATSAPP_APP_SECRET: appSecret, LAPOR_WHATSAPP_VERIFY_TOKEN: verifyToken } = env;
  if (!appSecret && !verifyToken) return undefined;
  if (!appSecret || !verifyToken) throw new Error('WhatsApp intake needs both LAPOR_WHATSAPP_APP_SECRET and LAPOR_WHATSAPP_VERIFY_TOKEN');
  if (!env.LAPOR_WHATSAPP_URL) {
    throw new Error('WhatsApp intake (LAPOR_WHATSAPP_APP_SECRET) needs LAPOR_WHATSAPP_URL, LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID to answer');
  }
  const idle = env.LAPOR_WHATSAPP_IDLE_MINUTES ? Number(env.LAPOR_WHATSAPP_IDLE_MINUTES) : undefined;
  if (idle !== undefined && !(idle > 0)) throw new Error(`LAPOR_WHATSAPP_IDLE_MINUTES: expected a number of minutes, got "${env.LAPOR_WHATSAPP_IDLE_MINUTES}"`);
  return { appSecret, verifyToken, ...(idle ? { idleMinutes: idle } : {}) };
}
