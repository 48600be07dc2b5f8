/**
 * One-tap opt-out links: `<tracking id>.<channel>.<MAC>`, signed with a key derived from
 * the server secret, so a link stops exactly one channel of one report and cannot be
 * forged for another report.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFY_CHANNELS, type NotifyChannel } from '../../src/contract/index.js';

export class OptOutTokens {
  private readonly key: Buffer;

  constructor(serverKey: Buffer) {
    this.key = createHmac('sha256', serverKey).update('lapor:notify-opt-out').digest();
  }

  private mac(trackingId: string, channel: string): Buffer {
    return createHmac('sha256', this.key).update(`${trackingId}.${channel}`).digest().subarray(0, 16);
  }

  sign(trackingId: string, channel: NotifyChannel): string {
    return `${trackingId}.${channel}.${this.mac(trackingId, channel).toString('base64url')}`;
  }

  verify(token: string): { trackingId: string; channel: NotifyChannel } | undefined {
    const [trackingId, channel, mac] = token.split('.');
    if (!trackingId || !mac || !(NOTIFY_CHANNELS as readonly string[]).includes(channel ?? '')) return undefined;
    const given = Buffer.from(mac, 'base64url');
    const want = this.mac(trackingId, channel!);
    return given.length === want.length && timingSafeEqual(given, want) ? { trackingId, channel: channel as NotifyChannel } : undefined;
  }
}
