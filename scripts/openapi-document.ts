/**
 * The OpenAPI 3.1 document of the gateway, generated from the contract (src/contract) so
 * the two cannot drift: components come from zod's own JSON Schema export, paths from the
 * wire table in DESIGN.md. Lives in scripts/ because it imports full `zod` (for
 * `z.toJSONSchema`), which must never reach a browser bundle.
 *
 * `npm run openapi` writes docs/openapi.json; test/node/openapi.node.test.ts fails when
 * the committed file differs from what this builds.
 */
import * as z from 'zod';
import * as c from '../src/contract/index.js';

type Json = Record<string, unknown>;
type Schema = z.core.$ZodType;

/** Request bodies and query objects: described as the client may send them (defaults optional). */
const INPUTS: Record<string, Schema> = {
  ReportInput: c.ReportInput,
  FollowUpInput: c.FollowUpInput,
  AccessCodeRequest: c.AccessCodeRequest,
  WatchRequest: c.WatchRequest,
  TransitionInput: c.TransitionInput,
};

/** Answers, and the shared parts worth a name of their own. */
const OUTPUTS: Record<string, Schema> = {
  Config: c.Config,
  Institution: c.Institution,
  Location: c.Location,
  Category: c.Category,
  InstitutionList: c.InstitutionList,
  LocationList: c.LocationList,
  LocationMatch: c.LocationMatch,
  Attachment: c.Attachment,
  Clock: c.Clock,
  SlaPolicy: c.SlaPolicy,
  TimelineEntry: c.TimelineEntry,
  Response: c.Response,
  Report: c.Report,
  SubmitResult: c.SubmitResult,
  AccessCodeRecovery: c.AccessCodeRecovery,
  WatchTicket: c.WatchTicket,
  ReportEvent: c.ReportEvent,
  AdminReport: c.AdminReport,
  AdminQueue: c.AdminQueue,
  AdminWatchTicket: c.AdminWatchTicket,
  AdminReference: c.AdminReference,
  ComplianceReport: c.ComplianceReport,
  EscalationEntry: c.EscalationEntry,
  PublicCompliance: c.PublicCompliance,
  ErrorBody: c.ErrorBody,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One registry per direction, so shared schemas become `$ref`s instead of copies. */
function components(schemas: Record<string, Schema>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    // Refinements (NIK, forbidden characters, incident-date rules) have no JSON Schema
    // form: they stay checks on both ends and are documented in the descriptions.
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  // `$schema` is the document's jsonSchemaDialect; `$id` with a fragment is not a valid id.
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out;
}

const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/Error${s}` }]));

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Access code or admin token missing or wrong; or the watch ticket expired',
  403: 'Site key unknown or not allowed from this Origin; or outside the admin scope',
  404: 'Not found (also: a secret report without its access code)',
  409: 'Conflict: same Idempotency-Key with another body, or an illegal transition',
  413: 'Payload too large',
  415: 'Unsupported media type (type sniffed from the bytes)',
  422: 'Validation failed; `error.fields` has `{path, code, message}` per field',
  429: 'Rate limited; see Retry-After',
  500: 'Internal error',
  503: 'Unavailable; see Retry-After',
};

const params = {
  SiteKey: {
    name: 'X-Lapor-Site-Key',
    in: 'header',
    required: false,
    description: 'Site key of the embedding page: sets the channel, checked against Origin. Sent on every request from a page.',
    schema: { type: 'string' },
  },
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'Language of `error.message` and field messages: `id` (default) or `en`.',
    schema: { type: 'string', default: 'id' },
  },
  TrackingId: {
    name: 'trackingId',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: c.TRACKING_ID_PATTERN.source },
    example: 'LPR-7K3M-Q9XD',
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'ETag of a cached copy; a 304 answers when unchanged.',
    schema: { type: 'string' },
  },
  Query: { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
  Latitude: { name: 'lat', in: 'query', required: true, schema: { type: 'number', minimum: -90, maximum: 90 }, example: -8.3477 },
  Longitude: { name: 'lng', in: 'query', required: true, schema: { type: 'number', minimum: -180, maximum: 180 }, example: 114.1484 },
};

const common = [{ $ref: '#/components/parameters/SiteKey' }, { $ref: '#/components/parameters/AcceptLanguage' }];
const P = (name: keyof typeof params) => ({ $ref: `#/components/parameters/${name}` });
const notModified = { '304': { description: 'Not modified: reuse the cached copy' } };
const etagHeader = { ETag: { schema: { type: 'string' }, description: 'Validator for If-None-Match' } };
const citizen = [{ accessToken: [] }, {}];

export function buildOpenApiDocument(): Json {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'LAPOR gateway',
      version: '1',
      description:
        'Reference gateway of lapor-widget (SP4N-LAPOR!). Generated from src/contract by `npm run openapi`; do not edit by hand. ' +
        'Errors everywhere are `{ error: { code, message, fields? } }` with `message` in the Accept-Language.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://localhost:8787', description: 'npm start' }],
    paths: {
      '/v1/config': {
        get: {
          operationId: 'getConfig',
          summary: 'Institutions, categories, classifications, attachment limits, SLA policies, locales, serverTime',
          parameters: [...common, P('IfNoneMatch')],
          responses: {
            '200': { ...json(ref('Config'), 'The configuration'), headers: etagHeader },
            ...notModified,
            ...errors(403, 429, 500),
          },
        },
      },
      '/v1/institutions': {
        get: {
          operationId: 'searchInstitutions',
          summary: 'Search Instansi Tujuan',
          parameters: [...common, P('Query')],
          responses: { '200': json(ref('InstitutionList'), 'Matches'), ...errors(403, 429, 500) },
        },
      },
      '/v1/locations': {
        get: {
          operationId: 'searchLocations',
          summary: 'Search Lokasi',
          parameters: [...common, P('Query')],
          responses: { '200': json(ref('LocationList'), 'Matches'), ...errors(403, 429, 500) },
        },
      },
      '/v1/locations/at': {
        get: {
          operationId: 'locate',
          summary: 'The kecamatan (and desa, when known) a point falls in: nearest known centre, approximate; null outside the area served',
          parameters: [...common, P('Latitude'), P('Longitude')],
          responses: { '200': json(ref('LocationMatch'), 'The place, or null'), ...errors(403, 422, 429, 500) },
        },
      },
      '/v1/attachments': {
        post: {
          operationId: 'uploadAttachment',
          summary: `One file (PDF/JPG/PNG, ≤ ${c.LIMITS.attachments.maxBytes} bytes); type sniffed from the bytes`,
          parameters: common,
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } }, required: ['file'] },
              },
            },
          },
          responses: { '201': json(ref('Attachment'), 'Stored'), ...errors(400, 403, 413, 415, 429, 500) },
        },
      },
      '/v1/reports': {
        post: {
          operationId: 'submitReport',
          summary: 'Submit a report',
          description:
            'Same Idempotency-Key + same body → the same 201 body again (no second report); same key + another body → 409. ' +
            'Text fields must not contain control/bidi-override characters or a 16-digit NIK; a complaint needs incidentDate, never in the future.',
          parameters: [
            ...common,
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'One per draft, reused on every retry.',
              schema: { type: 'string', minLength: 8, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReportInput') } } },
          responses: {
            '201': json(ref('SubmitResult'), 'Accepted: the only time the access code is shown'),
            ...errors(400, 403, 409, 422, 429, 500, 503),
          },
        },
      },
      '/v1/reports/{trackingId}': {
        get: {
          operationId: 'getReport',
          summary: 'A report as the citizen sees it (status, timeline, responses, SLA clocks, serverTime)',
          security: citizen,
          parameters: [...common, P('TrackingId'), P('IfNoneMatch')],
          responses: {
            '200': { ...json(ref('Report'), 'The report'), headers: etagHeader },
            ...notModified,
            ...errors(401, 404, 429, 500),
          },
        },
      },
      '/v1/reports/{trackingId}/followups': {
        post: {
          operationId: 'addFollowUp',
          summary: 'Citizen reply (while responded) or rating 1–5 (once completed)',
          security: [{ accessToken: [] }],
          parameters: [...common, P('TrackingId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('FollowUpInput') } } },
          responses: { '201': json(ref('Report'), 'The report after the follow-up'), ...errors(401, 404, 409, 422, 429, 500) },
        },
      },
      '/v1/reports/{trackingId}/access-code': {
        post: {
          operationId: 'recoverAccessCode',
          summary: '"Lupa kode akses?": a new access code to the phone or email given with the report (the old one stops working)',
          description: 'Answers 202 with the same body whether or not the contact matched; rate-limited per client and per report.',
          parameters: [...common, P('TrackingId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AccessCodeRequest') } } },
          responses: { '202': json(ref('AccessCodeRecovery'), 'Queued if it matched; the same answer if not'), ...errors(400, 429, 500) },
        },
      },
      '/v1/watch': {
        post: {
          operationId: 'watch',
          summary: 'Exchange access codes for a short-lived SSE ticket (EventSource cannot send headers)',
          parameters: common,
          requestBody: { required: true, content: { 'application/json': { schema: ref('WatchRequest') } } },
          responses: { '201': json(ref('WatchTicket'), 'Ticket for /v1/events'), ...errors(401, 403, 404, 422, 429, 500) },
        },
      },
      '/v1/events': {
        get: {
          operationId: 'events',
          summary: 'Server-Sent Events for the ticket’s reports: one connection for many reports',
          description:
            'Every event has `id:`; `data:` is a ReportEvent (JSON). A heartbeat comment every 15 s. Resume with the ' +
            '`Last-Event-ID` header (EventSource’s own reconnects) or the `lastEventId` query parameter (a new EventSource).',
          parameters: [
            { name: 'ticket', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'An event stream',
              content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema: ref('ReportEvent') } },
            },
            ...errors(401, 429),
          },
        },
      },
      '/v1/channels/whatsapp/webhook': {
        get: {
          operationId: 'whatsappVerify',
          summary: "WhatsApp Business Cloud API: Meta's webhook verification (LAPOR_WHATSAPP_VERIFY_TOKEN)",
          parameters: [
            { name: 'hub.mode', in: 'query', required: true, schema: { const: 'subscribe' } },
            { name: 'hub.verify_token', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'hub.challenge', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'The challenge, as text/plain', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(403) },
        },
        post: {
          operationId: 'whatsappWebhook',
          summary: "WhatsApp Business Cloud API: Meta's messages webhook (messages and statuses), stored, then answered in the chat",
          description:
            "Meta's payload (`object: whatsapp_business_account`), signed: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body " +
            'with LAPOR_WHATSAPP_APP_SECRET>`; anything else is 401. 200 once the delivery is stored; a redelivery of a message id is a no-op.',
          parameters: [{ name: 'X-Hub-Signature-256', in: 'header', required: true, schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['object', 'entry'] } } } },
          responses: {
            '200': json({ type: 'object', properties: { received: { type: 'integer' }, statuses: { type: 'integer' } } }, 'Stored'),
            ...errors(400, 401, 413),
          },
        },
      },
      '/v1/admin/reports': {
        get: {
          operationId: 'adminQueue',
          summary: 'Admin queue, most urgent first',
          security: [{ adminToken: [] }],
          parameters: [
            ...common,
            { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...c.REPORT_STATUSES] } },
            { name: 'institution', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'sort', in: 'query', required: false, schema: { type: 'string', enum: ['due', 'created'] } },
            { name: 'state', in: 'query', required: false, schema: { type: 'string', enum: ['open'] }, description: 'open: not completed, not archived' },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          ],
          responses: { '200': json(ref('AdminQueue'), 'The queue'), ...errors(401, 403, 422, 500) },
        },
      },
      '/v1/admin/reports/{trackingId}/transitions': {
        post: {
          operationId: 'adminTransition',
          summary: 'Move a report on: verify, forward, start, respond, complete, hold, resume, archive',
          security: [{ adminToken: [] }],
          parameters: [...common, P('TrackingId')],
          requestBody: { required: true, content: { 'application/json': { schema: ref('TransitionInput') } } },
          responses: { '200': json(ref('AdminReport'), 'The report after the transition'), ...errors(401, 403, 404, 409, 422, 500) },
        },
      },
      '/v1/admin/watch': {
        post: {
          operationId: 'adminWatch',
          summary: 'A ticket for the admin stream of every report the token’s institutions own',
          security: [{ adminToken: [] }],
          parameters: [...common],
          responses: { '201': json(ref('AdminWatchTicket'), 'The ticket and the token’s scope'), ...errors(401, 500) },
        },
      },
      '/v1/admin/events': {
        get: {
          operationId: 'adminEvents',
          summary: 'Server-Sent Events for the admin console: new reports and every change in the institutions’ queue',
          description:
            '`data:` is a ReportEvent carrying the report as it is when delivered (never the reporter). Ids are ' +
            '`<event seq>-<report rowid>`; resume with `Last-Event-ID` or `lastEventId`. An event reaches the institution ' +
            'that owned the report when it happened; a forward also reaches the one it left.',
          parameters: [
            { name: 'ticket', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' }, itemSchema: ref('ReportEvent') } } },
            ...errors(401, 403, 429),
          },
        },
      },
      '/v1/admin/compliance': {
        get: {
          operationId: 'adminCompliance',
          summary: 'Per institution and period [from, to): received, median time to first handling, share within 4 h (2 h kecamatan), overdue now',
          security: [{ adminToken: [] }],
          parameters: [
            ...common,
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
            { name: 'institution', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { '200': json(ref('ComplianceReport'), 'The figures'), ...errors(401, 403, 422, 500) },
        },
      },
      '/v1/public/compliance': {
        get: {
          operationId: 'publicCompliance',
          summary: 'Public 4-hour SOP figures per institution and per kecamatan / puskesmas group, whole local days [from, to]; units with fewer than 5 reports are not ranked',
          description: 'Site key, no login. Counts only: no tracking id, title, text, location or reporter. The figures equal GET /v1/admin/compliance for the same days. Cacheable (ETag, Cache-Control: public, max-age).',
          parameters: [
            ...common,
            P('IfNoneMatch'),
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'institution', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': { ...json(ref('PublicCompliance'), 'The figures'), headers: etagHeader },
            ...notModified,
            ...errors(403, 422, 429, 500),
          },
        },
      },
      '/v1/admin/reference': {
        get: {
          operationId: 'adminReference',
          summary: 'Institutions and categories for the admin console',
          security: [{ adminToken: [] }],
          parameters: [...common],
          responses: { '200': json(ref('AdminReference'), 'Names'), ...errors(401, 500) },
        },
      },
      '/healthz': {
        get: { operationId: 'health', summary: '200 once the database is open and migrated', responses: { '200': { description: 'Healthy' } } },
      },
    },
    components: {
      schemas: { ...components(OUTPUTS, 'output'), ...components(INPUTS, 'input') },
      parameters: params,
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([status, text]) => [`Error${status}`, json(ref('ErrorBody'), text)]),
      ),
      securitySchemes: {
        accessToken: { type: 'http', scheme: 'bearer', description: 'The report’s access code (kode akses)' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'An OPD admin token, scoped to institutions' },
      },
    },
  };
}

/** The file as committed: stable key order from the builder, two-space indent, newline. */
export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
