/** Registers `<lapor-report-form>` and types its events. */
import type { LaporError } from '../../sdk/errors/lapor-error.js';
import { LaporReportForm } from './report-form.component.js';

export { LaporReportForm };

if (!customElements.get('lapor-report-form')) customElements.define('lapor-report-form', LaporReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-report-form': LaporReportForm;
  }
  interface LaporEventMap {
    'lapor-submit': CustomEvent<{ trackingId?: string; clientId: string; queued: boolean }>;
    /** A failure that is not about one field (what was typed is kept): always a LaporError, narrow with `instanceof` or `code`. */
    'lapor-error': CustomEvent<{ error: LaporError }>;
    'lapor-track': CustomEvent<{ trackingId: string; accessToken: string }>;
  }
}
