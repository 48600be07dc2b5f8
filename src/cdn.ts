/**
 * `dist/lapor-widget.js`, the CDN bundle that `lapor-embed.js` loads. Its static imports
 * are the first download — launcher, form, Indonesian — and `npm run size` checks that
 * nothing else is: the status view, "Laporan saya", the countdown and English are
 * dynamic imports (components/widget/lazy-elements.ts, i18n/locales/index.ts).
 */
import './components/widget/widget.js';
import './components/report-form/report-form.js';
import { boot } from './embed/boot.js';

boot();
