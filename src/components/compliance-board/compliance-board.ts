/** Registers `<lapor-compliance-board>`. The only file of this element with side effects. */
import { LaporComplianceBoard } from './compliance-board.component.js';

export { LaporComplianceBoard };

if (!customElements.get('lapor-compliance-board')) customElements.define('lapor-compliance-board', LaporComplianceBoard);

declare global {
  interface HTMLElementTagNameMap {
    'lapor-compliance-board': LaporComplianceBoard;
  }
}
