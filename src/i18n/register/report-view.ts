/**
 * Side effect only: registers the Indonesian `reportView` section, for the report as
 * <lapor-report-status> shows it (report-status/report-view.ts and the details, stepper
 * and follow-up it draws; the admin console draws the details too).
 * Listed in package.json "sideEffects" (register/*) so that no bundler drops the import.
 */
import { DEFAULT_LANG, registerCatalog } from '../catalog.js';
import { reportView } from '../locales/id.js';

registerCatalog(DEFAULT_LANG, reportView);
