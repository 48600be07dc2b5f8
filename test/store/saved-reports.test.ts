import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import {
  SAVED_REPORTS_DB,
  closeSavedReports,
  countUnseen,
  getSaved,
  listSaved,
  markSeen,
  onSavedChange,
  removeSaved,
  saveReport,
  updateSnapshot,
  type SavedReportInput,
} from '../../src/store/saved-reports.js';
import { HOUR, T0, TOKEN_A, TOKEN_B, TRACKING_A, TRACKING_B, at, buildReport } from '../fixtures/report-fixtures.js';

function entry(overrides: Partial<SavedReportInput> = {}): SavedReportInput {
  return {
    trackingId: TRACKING_A,
    accessToken: TOKEN_A,
    api: 'https://gw.test',
    title: 'Jalan berlubang di depan Puskesmas Genteng',
    classification: 'complaint',
    status: 'submitted',
    savedAt: T0,
    ...overrides,
  };
}

describe('saved-reports store', () => {
  beforeEach(async () => {
    await closeSavedReports();
    await deleteDB(SAVED_REPORTS_DB);
  });

  it('saves, lists newest first, gets and removes', async () => {
    await saveReport(entry());
    await saveReport(entry({ trackingId: TRACKING_B, accessToken: TOKEN_B, savedAt: at(HOUR) }));
    expect((await listSaved()).map((r) => r.trackingId)).to.deep.equal([TRACKING_B, TRACKING_A]);
    expect((await getSaved(TRACKING_A))?.accessToken).to.equal(TOKEN_A);
    await removeSaved(TRACKING_A);
    expect(await getSaved(TRACKING_A)).to.equal(undefined);
    expect(await listSaved()).to.have.length(1);
  });

  it('upserts without erasing fields it was not given, and keeps the first savedAt', async () => {
    await saveReport(entry({ siteKey: 'dinkes-bwi' }));
    await saveReport(entry({ savedAt: at(HOUR), title: 'Judul baru untuk laporan ini' }));
    const saved = await getSaved(TRACKING_A);
    expect(saved?.siteKey).to.equal('dinkes-bwi');
    expect(saved?.savedAt).to.equal(T0);
    expect(saved?.title).to.equal('Judul baru untuk laporan ini');
  });

  it('a new entry saved with its snapshot counts as seen', async () => {
    await saveReport(entry({ report: buildReport() }));
    expect(await countUnseen()).to.equal(0);
  });

  it('updateSnapshot stores newer snapshots only, and only for saved reports', async () => {
    const first = buildReport();
    await saveReport(entry({ report: first }));
    await updateSnapshot(TRACKING_B, buildReport({ trackingId: TRACKING_B }));
    expect(await getSaved(TRACKING_B)).to.equal(undefined);

    const newer = buildReport({ status: 'verified', updatedAt: at(10 * HOUR) });
    await updateSnapshot(TRACKING_A, newer);
    let saved = await getSaved(TRACKING_A);
    expect(saved?.status).to.equal('verified');
    expect(saved?.report?.updatedAt).to.equal(newer.updatedAt);

    await updateSnapshot(TRACKING_A, buildReport({ status: 'submitted', updatedAt: at(9 * HOUR) }));
    saved = await getSaved(TRACKING_A);
    expect(saved?.status, 'an older snapshot must not win').to.equal('verified');
  });

  it('counts unseen changes and markSeen clears them without going backwards', async () => {
    await saveReport(entry({ report: buildReport() }));
    await saveReport(entry({ trackingId: TRACKING_B, accessToken: TOKEN_B, report: buildReport({ trackingId: TRACKING_B }) }));
    await updateSnapshot(TRACKING_A, buildReport({ status: 'verified', updatedAt: at(10 * HOUR) }));
    await updateSnapshot(TRACKING_B, buildReport({ trackingId: TRACKING_B, status: 'verified', updatedAt: at(10 * HOUR) }));
    expect(await countUnseen()).to.equal(2);

    await markSeen(TRACKING_A, at(10 * HOUR));
    expect(await countUnseen()).to.equal(1);
    await markSeen(TRACKING_A, at(1 * HOUR));
    expect((await getSaved(TRACKING_A))?.lastSeenUpdatedAt).to.equal(at(10 * HOUR));
  });

  it('notifies listeners in this tab on every change, and stops when unsubscribed', async () => {
    let calls = 0;
    const off = onSavedChange(() => calls++);
    await saveReport(entry());
    await updateSnapshot(TRACKING_A, buildReport({ updatedAt: at(10 * HOUR) }));
    await markSeen(TRACKING_A, at(10 * HOUR));
    await removeSaved(TRACKING_A);
    expect(calls).to.equal(4);
    off();
    await saveReport(entry());
    expect(calls).to.equal(4);
  });

  it('tells other tabs through a BroadcastChannel', async () => {
    const other = new BroadcastChannel('lapor-reports-change');
    const heard = new Promise<unknown>((resolve) => (other.onmessage = (e) => resolve(e.data)));
    await saveReport(entry());
    expect(await heard).to.equal('changed');
    other.close();
  });

  it('hears changes made by another tab', async () => {
    const heard = new Promise<void>((resolve) => {
      const off = onSavedChange(() => {
        off();
        resolve();
      });
    });
    const other = new BroadcastChannel('lapor-reports-change');
    other.postMessage('changed');
    await heard;
    other.close();
  });
});
