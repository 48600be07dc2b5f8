/**
 * The WhatsApp channel (issue 26), wired once by gateway.ts when LAPOR_WHATSAPP_APP_SECRET
 * and LAPOR_WHATSAPP_VERIFY_TOKEN are set (with the three LAPOR_WHATSAPP_* that send):
 * a citizen files a report by chatting with the regency's number, and it flows into the
 * same pipeline as the widget's, with the same clock.
 *
 * | file | job |
 * |---|---|
 * | webhook.ts, signature.ts, payload.ts | the route: Meta's verification, the signature, the payload |
 * | inbox.ts | what arrived, durable, deduplicated, in WhatsApp's order per number |
 * | worker.ts | the leader's loop: inbox → conversation → outbox; expiry; purge |
 * | conversation.ts, questions.ts, draft.ts, commands.ts, state.ts | the conversation |
 * | conversations.ts | each number's stored state and its 24-hour window |
 * | outbox.ts, outgoing.ts, graph.ts | our answers, the Cloud API |
 * | media.ts | photos and PDFs, through the attachment service's proofs |
 * | filing.ts, status.ts, replies.ts, places.ts | the gateway as the conversation needs it |
 */
import type { Db } from '../../db/index.js';
import type { Notifications } from '../../notify/index.js';
import type { NotifyOptions } from '../../notify/options.js';
import type { Services } from '../../services/index.js';
import { Conversation, type Desk } from './conversation.js';
import { Conversations } from './conversations.js';
import { Filing } from './filing.js';
import { GraphApi } from './graph.js';
import { Inbox, INBOX_CHANNEL } from './inbox.js';
import { MediaFetcher, WHATSAPP_SITE_KEY } from './media.js';
import { DEFAULT_INBOUND, type WhatsAppIntakeOptions } from './options.js';
import { ChatOutbox } from './outbox.js';
import { placeWords, Places } from './places.js';
import { ReplyDesk } from './replies.js';
import { StatusDesk } from './status.js';
import { webhookRoutes } from './webhook.js';
import { WhatsAppWorker } from './worker.js';

export type { WhatsAppIntakeOptions } from './options.js';
export { whatsappIntakeFromEnv } from './options.js';
export { WEBHOOK_LIMIT, WEBHOOK_PATH } from './webhook.js';
export { WHATSAPP_SITE_KEY } from './media.js';

export interface ChannelDeps {
  db: Db;
  services: Services;
  notifications: Notifications;
  notify: NotifyOptions;
  intake: WhatsAppIntakeOptions;
  /** The regency's name for the greeting (reference data). */
  regency: string;
  logErrors: boolean;
}

export class WhatsAppChannel {
  readonly inbox: Inbox;
  readonly worker: WhatsAppWorker;
  readonly conversations: Conversations;
  readonly routes: ReturnType<typeof webhookRoutes>;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly deps: ChannelDeps) {
    const { db, services, notifications, notify, intake } = deps;
    if (!notify.whatsappUrl || !notify.whatsappToken || !notify.whatsappPhoneId) {
      throw new Error('WhatsApp intake needs LAPOR_WHATSAPP_URL, LAPOR_WHATSAPP_TOKEN and LAPOR_WHATSAPP_PHONE_ID to answer');
    }
    if (Object.hasOwn(services.siteKeys, WHATSAPP_SITE_KEY)) {
      throw new Error(`LAPOR_SITE_KEYS: the site key "${WHATSAPP_SITE_KEY}" is the WhatsApp channel's own; name yours differently`);
    }
    const now = () => services.now().getTime();
    const idleMinutes = intake.idleMinutes ?? 120;
    const graph = new GraphApi(notify.whatsappUrl, notify.whatsappToken, notify.whatsappPhoneId, intake.timeoutMs ?? 15_000);
    const backoffMs = intake.backoffMs ?? 5_000;
    this.conversations = new Conversations(db, now, idleMinutes * 60_000);
    this.inbox = new Inbox(db, now, intake.settleMs ?? 1_500, intake.maxHoldMs ?? 6_000, () => this.worker.kick());
    const outbox = new ChatOutbox(db, graph, now, { backoffMs, maxAttempts: 8, leaseMs: 300_000 }, deps.logErrors);
    const filing = new Filing(db, services.reports, () => notifications.publicUrl, services.secret);
    const status = new StatusDesk(db, services.reports, services.guesses);
    const replies = new ReplyDesk(db, services.reports, services.replies);
    const places = new Places(services.store.locations.values());
    const desk: Desk = {
      categories: services.store.categories,
      regency: deps.regency,
      placeAt: (lat, lng) => {
        // The nearest kecamatan centre (and a desa when one is close): approximate, and the question says so.
        const hit = services.locator.locate({ lat, lng });
        return hit ? { text: placeWords(hit.location), locationId: hit.location.id } : undefined;
      },
      placesNamed: (typed) => places.named(typed),
      filedSince: (waId, since) => filing.filedSince(waId, since),
      file: (waId, draft, kirim, name, lang) => filing.file(waId, draft, kirim, name, lang),
      status: (waId, id, code, lang) => status.answer(waId, id, code, lang),
      statusOfMine: (waId, lang) => status.mine(waId, lang),
      openForReply: (waId) => replies.openFor(waId),
      reply: (id, message, lang) => replies.reply(id, message, lang),
    };
    const conversation = new Conversation(desk, { reportsPerDay: intake.reportsPerDay ?? 5, sameTopicMs: intake.sameTopicMs ?? 30 * 60_000 });
    this.worker = new WhatsAppWorker(
      db,
      this.inbox,
      this.conversations,
      conversation,
      outbox,
      new MediaFetcher(graph, services.attachments),
      now,
      { intervalMs: intake.intervalMs ?? 1_000, backoffMs, idleMinutes, inbound: intake.inbound ?? DEFAULT_INBOUND, retentionDays: notify.retentionDays ?? 30 },
      deps.logErrors,
    );
    this.routes = webhookRoutes({ appSecret: intake.appSecret, verifyToken: intake.verifyToken, phoneId: notify.whatsappPhoneId }, this.inbox);
    // News about a report go as free text while its citizen's chat is open (24 hours).
    notifications.chatWindowOpen = (waId) => this.conversations.windowOpen(waId);
  }

  /** PostgreSQL: a message stored by any process wakes the leader here (a no-op elsewhere). */
  async listen(): Promise<void> {
    if (this.deps.db.dialect === 'postgres') this.unlisten = await this.deps.db.listen(INBOX_CHANNEL, () => this.worker.kick());
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    await this.worker.stop();
  }
}
