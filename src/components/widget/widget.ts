/**
 * Registers `<lapor-widget>`, and the form its first tab shows. Import for the side
 * effect. The status view and "Laporan saya" are defined when their tab first opens
 * (lazy-elements.ts).
 */
import '../report-form/report-form.js';
import { LaporWidget } from './widget.component.js';

export { LaporWidget };

if (!customElements.get('lapor-widget')) customElements.define('lapor-widget', LaporWidget);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-widget': LaporWidget;
  }
}
