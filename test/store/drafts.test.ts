import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { DRAFTS_DB, closeDrafts, deleteDraft, draftHasContent, draftKey, loadDraft, saveDraft, type Draft } from '../../src/store/drafts.js';

const draft = (overrides: Partial<Draft> = {}): Draft => ({
  key: draftKey('https://gw.test', 'demo-opd'),
  clientId: 'c-1',
  idempotencyKey: 'k-123456789',
  input: { classification: 'complaint', title: 'Jalan berlubang' },
  attachments: [],
  updatedAt: '2026-12-07T01:00:00.000Z',
  ...overrides,
});

describe('store: drafts', () => {
  beforeEach(async () => {
    await closeDrafts();
    await deleteDB(DRAFTS_DB);
  });

  it('keys drafts by page origin, gateway and site key', () => {
    expect(draftKey('https://gw.test', 'a')).to.equal(`${location.origin}|https://gw.test|a`);
    expect(draftKey('https://gw.test', 'a')).not.to.equal(draftKey('https://gw.test', 'b'));
    expect(draftKey('https://gw.test', undefined, 'https://x.go.id')).to.equal('https://x.go.id|https://gw.test|');
  });

  it('saves, loads (blobs included) and deletes', async () => {
    const blob = new Blob(['%PDF-1.7 hello'], { type: 'application/pdf' });
    await saveDraft(draft({ attachments: [{ localId: 'l1', name: 'surat.pdf', mime: 'application/pdf', blob }] }));
    const loaded = await loadDraft(draft().key);
    expect(loaded!.input.title).to.equal('Jalan berlubang');
    expect(loaded!.idempotencyKey).to.equal('k-123456789');
    expect(await loaded!.attachments[0]!.blob!.text()).to.equal('%PDF-1.7 hello');
    expect(await loadDraft(draftKey('https://gw.test', 'other'))).to.equal(undefined);
    await deleteDraft(draft().key);
    expect(await loadDraft(draft().key)).to.equal(undefined);
  });

  it('offers back only drafts with something typed or attached', () => {
    expect(draftHasContent(draft({ input: { classification: 'complaint' } }))).to.equal(false);
    expect(draftHasContent(draft({ input: { classification: 'complaint', title: '   ' } }))).to.equal(false);
    expect(draftHasContent(draft())).to.equal(true);
    expect(draftHasContent(draft({ input: {}, attachments: [{ localId: 'l', name: 'a', mime: 'image/jpeg' }] }))).to.equal(true);
  });
});
