import { expect } from '@open-wc/testing';
import { uuid } from '../../src/sdk/uuid.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sdk uuid (Idempotency-Key)', () => {
  it('uses crypto.randomUUID when there is one', () => {
    expect(uuid()).to.match(V4);
  });

  it('falls back to getRandomValues on a plain-http page (no randomUUID)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = new Set(Array.from({ length: 200 }, uuid));
      expect(keys.size).to.equal(200);
      for (const key of keys) expect(key).to.match(V4);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).to.equal('function');
  });
});
