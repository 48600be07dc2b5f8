/**
 * `lapor-widget/define`: registers every `lapor-*` element (and types their tags in
 * `HTMLElementTagNameMap`). Import it once for the side effect.
 */
import './components/widget/widget.js';
import './components/report-form/report-form.js';
import './components/report-status/report-status.js';
import './components/sla-countdown/sla-countdown.js';
import './components/my-reports/my-reports.js';
import './components/admin-queue/admin-queue.js';
