/** docs/openapi.json is generated from the contract; this fails when it is stale. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildOpenApiDocument, renderOpenApi } from '../../scripts/openapi-document.js';

const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');

describe('docs/openapi.json', () => {
  it('matches the contract (run `npm run openapi` after changing src/contract)', () => {
    assert.ok(committed === renderOpenApi(), 'docs/openapi.json is stale: run `npm run openapi` and commit the result');
  });

  it('is OpenAPI 3.1 with every path of the wire table and no dangling $ref', () => {
    const doc = buildOpenApiDocument() as any;
    assert.equal(doc.openapi, '3.1.0');
    for (const [path, method] of [
      ['/v1/config', 'get'],
      ['/v1/institutions', 'get'],
      ['/v1/locations', 'get'],
      ['/v1/locations/at', 'get'],
      ['/v1/attachments', 'post'],
      ['/v1/reports', 'post'],
      ['/v1/reports/{trackingId}', 'get'],
      ['/v1/watch', 'post'],
      ['/v1/events', 'get'],
      ['/v1/reports/{trackingId}/followups', 'post'],
      ['/v1/admin/reports/{trackingId}/transitions', 'post'],
      ['/v1/admin/reports', 'get'],
      ['/v1/channels/whatsapp/webhook', 'get'],
      ['/v1/channels/whatsapp/webhook', 'post'],
    ]) {
      assert.ok(doc.paths[path!]?.[method!], `${method} ${path}`);
    }
    const text = JSON.stringify(doc);
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/(\w+)"/g)) {
      assert.ok(doc.components[kind!]?.[name!], `dangling $ref ${kind}/${name}`);
    }
    const submit = doc.paths['/v1/reports'].post;
    assert.ok(submit.parameters.some((p: any) => p.name === 'Idempotency-Key' && p.required));
    assert.equal(doc.paths['/v1/reports/{trackingId}'].get.security[0].accessToken.length, 0);
    assert.ok(doc.paths['/v1/events'].get.responses['200'].content['text/event-stream']);
    assert.equal(doc.components.responses.Error422.content['application/json'].schema.$ref, '#/components/schemas/ErrorBody');
  });

  it('describes request bodies as input (defaults optional) and answers as output', () => {
    const { schemas } = (buildOpenApiDocument() as any).components;
    assert.ok(!schemas.ReportInput.required.includes('attachmentIds'), 'a defaulted field is optional on input');
    assert.deepEqual(schemas.ReportInput.properties.attachmentIds.default, []);
    assert.ok(schemas.Report.required.includes('clocks'));
    assert.equal(schemas.SubmitResult.properties.report.$ref, '#/components/schemas/Report');
  });
});
