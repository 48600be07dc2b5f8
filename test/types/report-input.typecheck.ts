/**
 * Compile-only check (run by `npm test`'s typecheck step): `submitReport`'s input type says
 * what the contract checks at run time, so a complaint without `incidentDate` (which the
 * SDK would refuse with LaporValidationError) does not compile. Each `@ts-expect-error`
 * fails the typecheck if the line below it starts compiling.
 */
import { createLaporClient, type ReportInput } from '../../src/sdk/index.js';

const lapor = createLaporClient({ api: 'https://lapor.example.go.id' });
const common = {
  title: 'Lampu jalan mati',
  body: 'Lampu jalan di depan balai desa mati sejak Senin malam.',
  location: { text: 'Genteng' },
};

export async function accepted(): Promise<void> {
  await lapor.submitReport({ ...common, classification: 'complaint', incidentDate: '2026-11-23' });
  // The date is a complaint's only: the other classifications may leave it out.
  await lapor.submitReport({ ...common, classification: 'aspiration' });
  await lapor.submitReport({ ...common, classification: 'info_request', incidentDate: '2026-11-23' });
  // Narrowing on `classification` gives the date back as a string, not `string | undefined`.
  const input = { ...common, classification: 'complaint', incidentDate: '2026-11-23' } as ReportInput;
  if (input.classification === 'complaint') {
    const date: string = input.incidentDate;
    void date;
  }
}

export async function refused(): Promise<void> {
  // @ts-expect-error a complaint needs its incidentDate (Tanggal kejadian)
  await lapor.submitReport({ ...common, classification: 'complaint' });
  // @ts-expect-error not a classification
  await lapor.submitReport({ ...common, classification: 'complaints', incidentDate: '2026-11-23' });
}
