import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
// Values only from zod-free modules: the contract's schemas, zod and the SDK (ky) are the
// network/validation layer, loaded right after the first render (see firstUpdated).
import type { AttachmentLimits, Classification, Config, Report, ReportInput, SubmitResult } from '../../contract/index.js';
import { fieldErrorMessage } from '../../contract/field-messages.js';
import { LIMITS } from '../../contract/limits.js';
import { ATTACHMENT_MIME_TYPES, CLASSIFICATIONS } from '../../contract/vocabulary.js';
import type { MessageKey, MessageParams } from '../../i18n/catalog.js';
import { LaporError } from '../../sdk/errors/lapor-error.js';
import { LaporNetworkError } from '../../sdk/errors/network-error.js';
import { LaporValidationError } from '../../sdk/errors/validation-error.js';
import type { LaporClient } from '../../sdk/types.js';
import { uuid } from '../../sdk/uuid.js';
import { deleteDraft, draftHasContent, draftKey, loadDraft, saveDraft, type Draft } from '../../store/drafts.js';
import { enqueue, isRetryable, listOutbox, onOutboxSent, requestBackgroundSync } from '../../store/outbox-queue.js';
import { clientFor, preloadSdk } from '../shared/client-registry.js';
import { LaporElement } from '../shared/lapor-element.js';
import { addLateStyles } from '../shared/late-styles.js';
import { loadConfirmation, loadValidation, loadedConfirmation, loadedValidation } from './load-validation.js';
import { AttachmentsController, loadFormWork } from './attachments.js';
import { FIELD_KEYS, controlId, emptyValues, fieldKeyOf, fromInput, sanitizePrefill, toInput, type FieldKey, type FormValues, type ReportPrefill } from './model.js';
import type { GeoState } from './fields.js';
import {
  attachmentsField,
  bodyField,
  categoryField,
  checkboxField,
  classificationField,
  contactSection,
  dateField,
  errorSummary,
  generalError,
  institutionField,
  locationField,
  textField,
  type FormView,
} from './fields.js';
import { draftOffer } from './panels.js';
import { SearchBox } from './search-box.js';
import { styles } from './report-form.styles.js';
import '../../i18n/register/report-form.js';
import '../../i18n/register/form-phone.js';
import '../../i18n/register/host-integration.js';

type Phase = 'form' | 'queued' | 'success' | 'tracking';
/** "Laporan saya"'s store: needed only once a report is sent (not in the first download). */
const savedReports = () => import('../../store/saved-reports.js');
/** What the confirmation shows: the codes, the report as received, where news will go. */
type SentReport = import('./confirmation.js').SentReport;
type Validation = typeof import('./validation.js');
const DEFAULT_LIMITS: AttachmentLimits = {
  maxBytes: LIMITS.attachments.maxBytes,
  maxFiles: LIMITS.attachments.maxFiles,
  mimeTypes: [...ATTACHMENT_MIME_TYPES],
};
const AUTOSAVE_MS = 500;

/**
 * `<lapor-report-form>`: a citizen files a report, and it is never lost. Drafts autosave
 * on the device; a submit made offline or failing on the network goes to the outbox and
 * is sent later with the same `Idempotency-Key`; validation uses the contract, in the
 * citizen's language, with the same codes as the gateway.
 *
 * @event lapor-submit - Sent (`{trackingId, clientId, queued: false}`) or queued (`{clientId, queued: true}`).
 * @event lapor-error - A failure that is not about one field: `{error}`. What was typed is kept.
 * @event lapor-track - The citizen wants to follow the report just sent: `{trackingId, accessToken}`. Cancelable: cancel it to show the report yourself (`<lapor-widget>` does); otherwise the form shows it in place.
 *
 * @slot intro - Your own words above the form's fields (what this form is for, who answers).
 * @slot privacy - Your privacy note, right above the send button (how you use the data).
 * @slot after-submit - Shown under the tracking number once a report is sent, and under "waiting for connection" when it is queued: what happens next, who to call.
 *
 * @csspart form - The `<form>`.
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Text inputs, textarea, select.
 * @csspart error - A field's error message.
 * @csspart error-summary - The list of problems shown on submit.
 * @csspart submit - The send button.
 * @csspart button - Every other button.
 * @csspart copy - The "Salin" buttons beside the tracking number and the access code (also `button`).
 * @csspart save-image - "Simpan sebagai gambar" after sending (also `button`).
 * @csspart track - "Lacak laporan" after sending (also `button`).
 * @csspart share - "Bagikan" after sending, where the device can share (also `button`).
 * @csspart draft-offer - "Continue your earlier draft?"
 * @csspart queued - The "waiting for connection" panel.
 * @csspart success - The panel with the tracking number and access code.
 * @csspart code - The tracking number and the access code.
 * @csspart warning - "Keep this code".
 * @csspart offline - "You are offline" above the form.
 * @csspart anonymous-note - In the contact section while Anonim is ticked: nothing there is sent.
 *
 * @cssproperty --lapor-color-accent - Buttons and focus.
 * @cssproperty --lapor-color-danger - Errors.
 * @cssproperty --lapor-radius - Corner radius.
 * @cssproperty --lapor-font-family - Font.
 */
export class LaporReportForm extends LaporElement {
  static override styles = styles;

  /** Preselected report type: `complaint`, `aspiration` or `info_request`. */
  @property() classification?: Classification;
  /** Preselected institution id (Instansi tujuan). */
  @property() institution?: string;
  /** Preselected category id. */
  @property() category?: string;
  /** A configured SDK client to use instead of the shared one (tests, custom retry or timeouts). */
  @property({ attribute: false }) sdkClient?: LaporClient;

  @state() protected values: FormValues = emptyValues();
  @state() protected errors = new Map<FieldKey, string>();
  /** Errors the gateway reported on paths the form has no field for. */
  @state() protected otherErrors: string[] = [];
  @state() protected showSummary = false;
  @state() protected config?: Config;
  @state() protected configState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() protected phase: Phase = 'form';
  @state() protected submitting = false;
  @state() protected offer?: Draft;
  @state() protected generalError?: unknown;
  @state() protected result?: SentReport;
  @state() protected geoState: GeoState = 'idle';
  /** The place "Gunakan lokasi saya" found, in words ("Desa Genteng Kulon, Kecamatan Genteng"). */
  @state() protected geoPlace?: string;
  /** The location text "Gunakan lokasi saya" filled in (so "Ubah" takes only that back). */
  #geoText?: string;
  /** "Kantor yang dituju" opened to pick one; closed, the officers decide (the default). */
  @state() protected institutionOpen = false;

  @query('.summary') private summaryEl?: HTMLElement;

  protected readonly attachments = new AttachmentsController(this);
  #identity: { clientId: string; idempotencyKey: string } = { clientId: uuid(), idempotencyKey: uuid() };
  #draftKey?: string;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #submittingNow = false;
  #queuedClientId?: string;
  /** Where the report waiting in the outbox asked news to go (its confirmation says so once sent). */
  #queuedUpdates: SentReport['updates'] = [];
  #cleanup: (() => void)[] = [];

  readonly #location = new SearchBox(this, {
    id: controlId('location'),
    search: async (q, signal) =>
      ((await this.client?.searchLocations(q, { signal })) ?? []).map((l) => ({ id: l.id, label: l.name, detail: l.path })),
    // A kecamatan's path starts with its own name ("Kecamatan Kabat, Kabupaten …"): said once.
    onPick: (o) => this.#set({ locationText: !o.detail ? o.label : o.detail.startsWith(o.label) ? o.detail : `${o.label}, ${o.detail}`, locationId: o.id }),
    onText: (text) => this.#set({ locationText: text, locationId: undefined }),
  });

  readonly #institution = new SearchBox(this, {
    id: controlId('institutionId'),
    search: async (q, signal) => {
      const needle = q.toLowerCase();
      const local = this.config?.institutions.filter((i) => i.name.toLowerCase().includes(needle));
      const found = local?.length ? local : ((await this.client?.searchInstitutions(q, { signal })) ?? []);
      return found.map((i) => ({ id: i.id, label: i.name }));
    },
    onPick: (o) => this.#set({ institutionId: o.id, institutionText: o.label }),
    onText: (text) => this.#set({ institutionText: text, institutionId: undefined }),
  });

  // --- hooks for the attachments controller (not API: @internal keeps them out of the manifest)

  /** @internal */
  get uploadClient(): LaporClient | undefined {
    return this.client;
  }
  /** @internal */
  get attachmentLimits(): AttachmentLimits {
    return this.config?.attachments ?? DEFAULT_LIMITS;
  }
  /** @internal */
  get currentLocale(): string {
    return this.locale;
  }
  /** @internal */
  tr(key: MessageKey, params?: MessageParams): string {
    return this.t(key, params);
  }
  /** @internal */
  attachmentsChanged(): void {
    this.#scheduleSave();
  }

  protected override get client(): LaporClient | undefined {
    return this.sdkClient ?? super.client;
  }

  // --- lifecycle ----------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    // (Re)connected: willUpdate picks the draft key up again, and the outbox gets a drain.
    this.requestUpdate();
    const onOnline = () => {
      this.requestUpdate(); // the offline banner goes
      void this.attachments.uploadWaiting();
      void this.#drain();
    };
    const onOffline = () => this.requestUpdate();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.#cleanup.push(
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      onOutboxSent((sent) => {
        if (sent.clientId !== this.#queuedClientId || this.phase !== 'queued') return;
        this.#queuedClientId = undefined;
        // Shown right here on the success screen: not news for "Laporan saya" any more.
        const saved = savedReports();
        void saved.then((store) => store.markCodeSeen(sent.trackingId)).catch(() => undefined);
        const updates = this.#queuedUpdates;
        this.result = { trackingId: sent.trackingId, accessToken: sent.accessToken, updates };
        this.phase = 'success';
        void this.#focusPanel();
        this.emit('lapor-submit', { trackingId: sent.trackingId, clientId: sent.clientId, queued: false });
        // The report as the gateway received it (its deadline), saved by whoever sent it.
        void saved.then((store) => store.getSaved(sent.trackingId)).then(
          (saved) => {
            if (saved?.report && this.result?.trackingId === sent.trackingId) this.result = { ...this.result, report: saved.report };
          },
          () => undefined,
        );
      }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const fn of this.#cleanup.splice(0)) fn();
    // Leaving the page (or the element being removed) must not lose the last keystrokes.
    if (this.#saveTimer !== undefined) {
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      void this.#saveNow();
    }
    this.#draftKey = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('classification') && this.classification && CLASSIFICATIONS.includes(this.classification)) {
      this.values = { ...this.values, classification: this.classification };
    }
    if (changed.has('institution') && this.institution) {
      const name = this.config?.institutions.find((i) => i.id === this.institution)?.name;
      this.values = { ...this.values, institutionId: this.institution, institutionText: name ?? this.institution };
    }
    if (changed.has('category') && this.category) this.values = { ...this.values, categoryId: this.category };
    const any = changed as Map<PropertyKey, unknown>;
    if (any.has('locale') && any.get('locale') !== undefined && this.errors.size) {
      // The language changed while errors are shown: say the same thing in the new language.
      this.#withValidation((check) => {
        const now = check();
        this.errors = new Map([...this.errors].map(([k, m]) => [k, now.get(k) ?? m]));
      });
    }
    const api = this.effectiveApi;
    if (api && this.isConnected) {
      const key = draftKey(api, this.effectiveSiteKey);
      if (key !== this.#draftKey) void this.#init(key);
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    // The form is on screen and takes typing: now fetch the network/validation layer
    // (SDK, zod, schemas), so it is in before the citizen leaves the first field. A
    // failure here is retried by whichever call needs it next.
    preloadSdk().catch(() => undefined);
    loadValidation().catch(() => undefined);
    // The confirmation screens: there before a report queued offline is sent.
    loadConfirmation().catch(() => undefined);
    // ~1 kB, and a photo picked later while offline could not be prepared without it.
    loadFormWork().catch(() => undefined);
  }

  async #init(key: string): Promise<void> {
    this.#draftKey = key;
    void this.loadConfig();
    let draft: Draft | undefined;
    try {
      draft = await loadDraft(key);
    } catch {
      // No IndexedDB (private mode on some browsers): the form still works, without drafts.
    }
    if (key !== this.#draftKey) return;
    // Our own draft (the element was only moved in the page): keep going, do not ask.
    if (draft?.clientId === this.#identity.clientId) return void this.#drain();
    if (draft && draftHasContent(draft)) this.offer = draft;
    else if (draft) this.#identity = { clientId: draft.clientId, idempotencyKey: draft.idempotencyKey };
    void this.#drain();
  }

  /** Load institutions, categories and attachment limits. The form is usable meanwhile. */
  async loadConfig(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.configState = 'loading';
    try {
      this.config = await client.getConfig();
      this.configState = 'ready';
      const picked = this.config.institutions.find((i) => i.id === this.values.institutionId);
      if (picked && this.values.institutionText === picked.id) this.values = { ...this.values, institutionText: picked.name };
    } catch (error) {
      this.configState = 'failed';
      this.emit('lapor-error', { error: this.#asLaporError(error) });
    }
  }

  /**
   * Fill fields from outside (your page, the embed's `prefill` command); the draft is
   * saved. Unknown keys and wrong types are ignored.
   */
  prefill(input: ReportPrefill): void {
    const data = sanitizePrefill(input);
    const name = data.institutionId ? this.config?.institutions.find((i) => i.id === data.institutionId)?.name : undefined;
    this.values = fromInput(this.values, data, name);
    this.#scheduleSave();
  }

  /** `lapor-error`'s detail is always a LaporError: anything else (a storage failure, a bug) is wrapped, kept as `cause`. */
  #asLaporError(error: unknown): LaporError {
    return error instanceof LaporError ? error : new LaporError(this.t('error.unexpected'), { code: 'unexpected', cause: error });
  }

  // --- drafts ---------------------------------------------------------------------------

  #set(patch: Partial<FormValues>): void {
    this.values = { ...this.values, ...patch };
    this.#scheduleSave();
  }

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      void this.#saveNow();
    }, AUTOSAVE_MS);
  }

  async #saveNow(): Promise<void> {
    const key = this.#draftKey;
    if (!key || this.offer || this.phase !== 'form') return;
    try {
      await saveDraft({
        key,
        ...this.#identity,
        input: toInput(this.values, this.attachments.uploadedIds, this.config?.notify),
        attachments: this.attachments.toDraft(),
        labels: { institution: this.values.institutionText },
        updatedAt: new Date().toISOString(),
      });
    } catch {
      // Storage full or unavailable: keep working; the text is still in the form.
    }
  }

  #continueDraft = (): void => {
    const draft = this.offer;
    if (!draft) return;
    this.#identity = { clientId: draft.clientId, idempotencyKey: draft.idempotencyKey };
    this.values = fromInput(emptyValues(), draft.input, draft.labels?.institution);
    this.attachments.restore(draft.attachments);
    void this.attachments.uploadWaiting();
    this.offer = undefined;
    void this.#focusFirstField();
  };

  #discardDraft = (): void => {
    if (this.#draftKey) void deleteDraft(this.#draftKey).catch(() => undefined);
    this.offer = undefined;
    this.#identity = { clientId: uuid(), idempotencyKey: uuid() };
    void this.#focusFirstField();
  };

  async #focusFirstField(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input[name="classification"]:checked')?.focus();
  }

  // --- validation -----------------------------------------------------------------------

  /**
   * Run `then` with the checker: at once when the validation layer is loaded (as it is
   * once preloaded), else when it arrives. If it cannot be downloaded, blur validation
   * waits for the next try; submit awaits it itself (see submit()).
   */
  #withValidation(then: (check: () => Map<FieldKey, string>) => void): void {
    const loaded = loadedValidation();
    if (loaded) return then(() => this.#check(loaded));
    loadValidation().then(
      (mod) => then(() => this.#check(mod)),
      () => undefined,
    );
  }

  /** Every problem, by field, in this element's language (the contract's messages). */
  #check({ validate, ReportInput }: Validation): Map<FieldKey, string> {
    const found = new Map<FieldKey, string>();
    const result = validate(ReportInput, toInput(this.values, this.attachments.uploadedIds, this.config?.notify), this.locale);
    if (!result.ok) {
      for (const f of result.fields) {
        const key = fieldKeyOf(f.path);
        if (!key || found.has(key)) continue;
        found.set(key, key === 'location' ? this.#locationMessage(f.path, f.code, f.message) : f.message);
      }
    }
    if (this.values.institutionText.trim() && !this.values.institutionId) {
      found.set('institutionId', fieldErrorMessage(this.locale, 'institutionId', 'unknown_value'));
    }
    const failed = this.attachments.failed[0];
    if (failed) found.set('attachmentIds', `${failed.name}: ${failed.error ?? this.t('form.attachments.failed')}`);
    return new Map(FIELD_KEYS.filter((k) => found.has(k)).map((k) => [k, found.get(k)!]));
  }

  /** For aspirations and information requests the location field is "Asal pelapor". */
  #locationMessage(path: string, code: string, message: string): string {
    if (this.values.classification === 'complaint') return message;
    return fieldErrorMessage(this.locale, path === 'location.text' ? 'origin' : path, code, {
      min: LIMITS.locationText.min,
      max: LIMITS.locationText.max,
    });
  }

  #validateField(key: FieldKey): void {
    this.#withValidation((check) => {
      const message = check().get(key);
      const next = new Map(this.errors);
      if (message) next.set(key, message);
      else next.delete(key);
      this.errors = next;
    });
  }

  async #showErrors(): Promise<void> {
    this.showSummary = true;
    await this.updateComplete;
    this.summaryEl?.focus();
  }

  /** Move focus to a field (the error summary's links). @internal */
  focusField(key: FieldKey): void {
    const root = this.renderRoot;
    const target =
      key === 'classification'
        ? root.querySelector<HTMLElement>('input[name="classification"]:checked')
        : root.querySelector<HTMLElement>(`#${controlId(key)}`);
    if (key === 'reporter.name' || key === 'reporter.phone' || key === 'reporter.email') {
      const details = root.querySelector('details');
      if (details) details.open = true;
    }
    target?.focus();
  }

  // --- submit -------------------------------------------------------------------------

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Validate and send; offline or on a network failure, queue. Extra calls while sending do nothing. */
  async submit(): Promise<void> {
    if (this.#submittingNow) return;
    this.generalError = undefined;
    this.otherErrors = [];
    // Never a submit without validation: wait for the validation layer if it is not in yet.
    let validation = loadedValidation();
    if (!validation) {
      this.#submittingNow = true;
      this.submitting = true;
      try {
        validation = await loadValidation();
      } catch (error) {
        // Its download failed (connection lost): what was typed is kept, retry sends again.
        // Said as a network error: any other error reads "server problem", which it is not.
        const lost = new LaporNetworkError(this.t('error.network'), { request: { method: 'GET', url: 'validation' }, cause: error });
        this.generalError = lost;
        this.emit('lapor-error', { error: lost });
        return;
      } finally {
        this.#submittingNow = false;
        this.submitting = false;
      }
    }
    const errors = this.#check(validation);
    this.errors = errors;
    if (errors.size) return this.#showErrors();
    this.#submittingNow = true;
    this.submitting = true;
    try {
      await this.attachments.settle();
      const failed = this.#check(validation).get('attachmentIds');
      if (failed) {
        this.errors = new Map([['attachmentIds', failed]]);
        return await this.#showErrors();
      }
      const input = toInput(this.values, this.attachments.uploadedIds, this.config?.notify);
      const client = this.client;
      // A page that forgot data-api: say so, rather than blame the server.
      if (!client) throw new LaporError(this.t('form.error.noApi'), { code: 'no_api' });
      if (!navigator.onLine || this.attachments.pending.length) return await this.#queue(input, client);
      try {
        const result = await client.submitReport(input, { idempotencyKey: this.#identity.idempotencyKey });
        await this.#succeed(result, client, input);
      } catch (error) {
        if (error instanceof LaporValidationError) return await this.#serverErrors(error);
        if (isRetryable(error)) return await this.#queue(input, client, error);
        // The key was used for a report with other content (a draft sent before the page
        // died, then edited): this content needs its own key, or it can never be sent.
        if (error instanceof LaporError && error.code === 'idempotency_conflict') {
          this.#identity = { ...this.#identity, idempotencyKey: uuid() };
        }
        throw error;
      }
    } catch (error) {
      this.generalError = error;
      this.emit('lapor-error', { error: this.#asLaporError(error) });
    } finally {
      this.#submittingNow = false;
      this.submitting = false;
    }
  }

  async #serverErrors(error: LaporValidationError): Promise<void> {
    const errors = new Map<FieldKey, string>();
    const other: string[] = [];
    for (const f of error.fields) {
      const key = fieldKeyOf(f.path);
      if (key && !errors.has(key)) errors.set(key, key === 'location' ? this.#locationMessage(f.path, f.code, f.message) : f.message);
      else if (!key) other.push(f.message);
    }
    this.errors = errors;
    this.otherErrors = errors.size || other.length ? other : [error.message];
    await this.#showErrors();
  }

  #reset(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    if (this.#draftKey) void deleteDraft(this.#draftKey).catch(() => undefined);
    this.#identity = { clientId: uuid(), idempotencyKey: uuid() };
    this.values = emptyValues(this.classification ?? 'complaint');
    this.attachments.clear();
    this.errors = new Map();
    this.showSummary = false;
    this.geoState = 'idle';
    this.geoPlace = undefined;
    this.#geoText = undefined;
    this.institutionOpen = false;
  }

  async #queue(input: ReportInput, client: LaporClient, error?: unknown): Promise<void> {
    const { clientId, idempotencyKey } = this.#identity;
    await enqueue({
      clientId,
      idempotencyKey,
      api: client.api,
      siteKey: client.siteKey,
      input,
      attachments: this.attachments.pending.flatMap((a) => (a.blob ? [{ name: a.name, mime: a.mime, blob: a.blob }] : [])),
      createdAt: new Date().toISOString(),
      attempts: error ? 1 : 0,
      ...(error instanceof Error ? { lastError: error.message } : {}),
    });
    this.#reset();
    this.#queuedClientId = clientId;
    this.#queuedUpdates = loadedValidation()?.updatesOf(input) ?? [];
    this.phase = 'queued';
    void this.#focusPanel();
    this.emit('lapor-submit', { clientId, queued: true });
    void requestBackgroundSync();
  }

  async #succeed(result: SubmitResult, client: LaporClient, input: ReportInput): Promise<void> {
    const { clientId } = this.#identity;
    const updates = loadedValidation()?.updatesOf(input) ?? [];
    try {
      await (await savedReports()).saveReport({
        trackingId: result.trackingId,
        accessToken: result.accessToken,
        api: client.api,
        siteKey: client.siteKey,
        title: result.report.title,
        classification: result.report.classification,
        status: result.report.status,
        savedAt: new Date().toISOString(),
        report: result.report,
      });
    } catch {
      // The codes are on screen with copy buttons; failing to store them locally is not fatal.
    }
    this.#reset();
    this.result = { trackingId: result.trackingId, accessToken: result.accessToken, report: result.report, updates };
    this.phase = 'success';
    void this.#focusPanel();
    this.emit('lapor-submit', { trackingId: result.trackingId, clientId, queued: false });
  }

  async #drain(): Promise<void> {
    if (!navigator.onLine) return;
    const own = this.client;
    try {
      // The sending code (and the SDK it needs) only when something waits.
      if (!(await listOutbox()).length) return;
      const { drainOutboxWith } = await import('../../store/outbox-drain.js');
      // Entries of this gateway and site key go through this element's client; others get their own.
      // Both are lazy clients when the element has no sdkClient: the SDK loads when there is something to send.
      await drainOutboxWith((api, siteKey) => clientFor({ api, siteKey }), {
        clientFor: (api, siteKey) => (own && api === own.api && siteKey === own.siteKey ? own : undefined),
      });
    } catch {
      // The outbox keeps its entries; the next `online` or page load tries again.
    }
  }

  async #focusPanel(): Promise<void> {
    // The confirmation may still be on its way: give it the moment it needs.
    if ((this.phase === 'success' || this.phase === 'tracking') && !loadedConfirmation()) await loadConfirmation().catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#done-h')?.focus();
  }

  #another = (): void => {
    this.phase = 'form';
    this.result = undefined;
    void this.#focusFirstField();
  };

  /**
   * "Gunakan lokasi saya": the phone's position, resolved by the gateway to the place it
   * falls in, shown as words the citizen can check ("Sekitar Kecamatan Genteng") with a
   * way to change it. Never raw coordinates as the location text: those travel as
   * lat/lng beside it, only when a place was found.
   */
  #useMyLocation = async (): Promise<void> => {
    if (this.geoState === 'locating') return;
    if (!navigator.geolocation) {
      this.geoState = 'failed';
      return;
    }
    this.geoState = 'locating';
    try {
      const { lat, lng, match } = await (await loadFormWork()).locateMe(this.client);
      if (match === null) {
        this.geoState = 'outside';
        return;
      }
      if (!match) {
        // The gateway could not be asked (no connection): keep the point, ask for words.
        this.#set({ lat, lng });
        this.geoState = 'unnamed';
        return;
      }
      const typed = this.values.locationText.trim();
      const { location, kecamatan } = match;
      this.geoPlace = location.id === kecamatan.id ? kecamatan.name : `${location.name}, ${kecamatan.name}`;
      // What the citizen typed stays (a street, a landmark); an empty field gets the place's words.
      this.#geoText = typed ? undefined : location.path;
      this.#set({ lat, lng, locationId: location.id, ...(typed ? {} : { locationText: location.path }) });
      this.geoState = 'found';
      if (this.errors.has('location')) this.#validateField('location');
    } catch {
      this.geoState = 'failed';
    }
  };

  /** "Bukan di sini? Ubah lokasi": the place found goes, the field is the citizen's again. */
  #changeLocation = async (): Promise<void> => {
    // Only words the form put there go; what the citizen typed stays theirs.
    const derived = this.#geoText !== undefined && this.values.locationText === this.#geoText;
    this.#geoText = undefined;
    this.#set({ lat: undefined, lng: undefined, locationId: undefined, ...(derived ? { locationText: '' } : {}) });
    this.geoState = 'idle';
    this.geoPlace = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${controlId('location')}`)?.focus();
  };

  // --- render -------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.t.bind(this);
    let body: TemplateResult | typeof nothing;
    // After a submit: "saved, not sent yet" came with the validation layer, which every
    // submit awaits; the confirmation with its own chunk (#focusPanel awaits it).
    const after = loadedValidation();
    const sent = loadedConfirmation();
    if (sent) addLateStyles(this.renderRoot as ShadowRoot, sent.confirmationStyles);
    if ((this.phase === 'success' || this.phase === 'tracking') && this.result) {
      body = sent
        ? sent.sentScreen({
            t,
            locale: this.locale,
            lang: this.lang,
            api: this.client?.api,
            siteKey: this.client?.siteKey,
            now: this.client?.serverNow() ?? Date.now(),
            result: this.result,
            tracking: this.phase === 'tracking',
            emitTrack: (detail) => this.emit('lapor-track', detail, true),
            showTracking: () => {
              this.phase = 'tracking';
              void this.#focusPanel();
            },
            another: this.#another,
            requestUpdate: () => this.requestUpdate(),
          })
        : after
          ? after.sentFallback(t, this.result, () => void loadConfirmation().then(() => this.requestUpdate(), () => undefined))
          : nothing;
    } else if (after && this.phase === 'queued') {
      body = after.queuedPanel(t, this.#another);
    } else if (this.offer) {
      body = draftOffer(t, this.offer.updatedAt, this.locale, this.#continueDraft, this.#discardDraft);
    } else {
      body = this.#renderForm();
    }
    return html`${body}
      <div class="visually-hidden" role="status">${this.#announcement()}</div>`;
  }

  #announcement(): string {
    const results = (n: number) => this.t('form.search.results', { n });
    const none = this.t('form.search.none');
    return this.#location.announcement(results, none) || this.#institution.announcement(results, none);
  }

  #onDrop = (event: DragEvent): void => {
    event.preventDefault();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) void this.attachments.add(files);
  };

  #onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void this.attachments.add(files);
  };

  /** The read-only view the field renderers work from (see fields.ts). */
  #view(): FormView {
    return {
      t: this.t.bind(this),
      locale: this.locale,
      values: this.values,
      errors: this.errors,
      otherErrors: this.otherErrors,
      showSummary: this.showSummary,
      generalError: this.generalError,
      config: this.config,
      configLoading: this.configState === 'loading',
      limits: this.attachmentLimits,
      attachments: this.attachments,
      location: this.#location,
      institution: this.#institution,
      geoState: this.geoState,
      geoPlace: this.geoPlace,
      changeLocation: () => void this.#changeLocation(),
      institutionOpen: this.institutionOpen,
      openInstitution: (open) => void this.#openInstitution(open),
      notifyChannels: this.config?.notify,
      set: (patch) => this.#set(patch),
      validate: (key) => this.#validateField(key),
      focusField: (key) => this.focusField(key),
      retry: () => void this.submit(),
      useMyLocation: () => void this.#useMyLocation(),
      onPick: this.#onPick,
      onDrop: this.#onDrop,
    };
  }

  async #openInstitution(open: boolean): Promise<void> {
    this.institutionOpen = open;
    // Back to "Biar petugas yang menentukan": nothing picked or half-typed stays behind.
    if (!open) {
      this.#set({ institutionId: undefined, institutionText: '' });
      const errors = new Map(this.errors);
      errors.delete('institutionId');
      this.errors = errors;
    }
    await this.updateComplete;
    const root = this.renderRoot;
    (open ? root.querySelector<HTMLElement>(`#${controlId('institutionId')}`) : root.querySelector<HTMLElement>('.auto-office button'))?.focus();
  }

  #renderForm(): TemplateResult {
    const v = this.#view();
    const t = v.t;
    const contactError = this.errors.has('reporter.phone') || this.errors.has('reporter.email') || this.errors.has('reporter.name');
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      <slot name="intro"></slot>
      ${globalThis.navigator?.onLine !== false ? nothing : html`<p class="offline" part="offline" role="status">${t('form.offline')}</p>`}
      ${errorSummary(v)} ${generalError(v)}
      ${this.configState === 'failed'
          ? html`<div class="notice">
              <p>${t('form.config.failed')}</p>
              <button type="button" part="button" @click=${() => void this.loadConfig()}>${t('common.retry')}</button>
            </div>`
          : nothing}
      ${classificationField(v)}
      ${textField(v, 'title', 'title', { label: t('field.title'), help: t('form.title.help'), required: true, maxlength: LIMITS.title.max })}
      ${bodyField(v)} ${attachmentsField(v)} ${dateField(v)} ${locationField(v)} ${categoryField(v)} ${institutionField(v)}
      ${checkboxField(v, 'anonymous')} ${checkboxField(v, 'secret')} ${contactSection(v, contactError)}
      <slot name="privacy"></slot>
      <button type="submit" class="primary submit" part="submit" ?disabled=${this.submitting} aria-busy=${this.submitting ? 'true' : 'false'}>
        ${this.submitting ? t('form.submitting') : t('form.submit')}
      </button>
    </form>`;
  }
}
