/** Registers `<lapor-widget>`. Import for the side effect. */
import { LaporWidget } from './widget.component.js';

export { LaporWidget };

if (!customElements.get('lapor-widget')) customElements.define('lapor-widget', LaporWidget);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-widget': LaporWidget;
  }
}
