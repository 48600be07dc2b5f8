/** Registers `<lapor-admin-queue>` (and the countdown it renders). The only file of this element with side effects. */
import '../sla-countdown/sla-countdown.js';
import { LaporAdminQueue } from './admin-queue.component.js';

export { LaporAdminQueue };

if (!customElements.get('lapor-admin-queue')) customElements.define('lapor-admin-queue', LaporAdminQueue);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-admin-queue': LaporAdminQueue;
  }
}
