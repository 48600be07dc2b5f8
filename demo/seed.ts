/**
 * The demo's reference data: Kabupaten Banyuwangi's 25 kecamatan, sample OPDs, puskesmas
 * and categories. A copy of ../shared/data/banyuwangi.json in seed-data.json, so a clone
 * without ../shared can run the demo. The production gateway (gateway/main.ts) never
 * loads it.
 */
import { readReferenceFile, type ReferenceData } from '../gateway/reference-data.js';

export function demoReference(): ReferenceData {
  return readReferenceFile(new URL('./seed-data.json', import.meta.url));
}
