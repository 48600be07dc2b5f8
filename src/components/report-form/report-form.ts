/** Registers `<lapor-report-form>` and types its events. */
import { LaporReportForm } from './report-form.component.js';

export { LaporReportForm };

if (!customElements.get('lapor-report-form')) customElements.define('lapor-report-form', LaporReportForm);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-report-form': LaporReportForm;
  }
  interface LaporEventMap {
    'lapor-submit': CustomEvent<{ trackingId?: string; clientId: string; queued: boolean }>;
    'lapor-error': CustomEvent<{ error: unknown }>;
    'lapor-track': CustomEvent<{ trackingId: string; accessToken: string }>;
  }
}
