/**
 * `lapor-widget/define`: registers every citizen-facing `lapor-*` element (and types their
 * tags in `HTMLElementTagNameMap`). Import it once for the side effect.
 *
 * Not `<lapor-admin-queue>`: the admin console is for an OPD's intranet page, and with its
 * own HTTP layer and live stream it would more than double what every citizen-facing page
 * pays up front here (52 → 86 kB gz in a Vite app). Import `lapor-widget/admin-queue`
 * for it, or call `defineAll()` from `lapor-widget`, which registers all seven.
 */
import './components/widget/widget.js';
import './components/report-form/report-form.js';
import './components/report-status/report-status.js';
import './components/sla-countdown/sla-countdown.js';
import './components/my-reports/my-reports.js';
// Issue 28: the public SOP board (citizen-facing: any government page may show it).
import './components/compliance-board/compliance-board.js';
