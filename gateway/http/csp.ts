/**
 * The strict Content-Security-Policy from DESIGN.md, sent with /csp-strict.html so the
 * widget is proven to work without inline script/style, eval, or raw HTML sinks.
 * `connect-src` falls back to `default-src 'self'`: the page talks only to this gateway.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html lapor-embed";

/**
 * Pages that are served with STRICT_CSP, by their file inside a page folder (not by the
 * URL: `//admin.html`, `/%61dmin.html` and `/x/../admin.html` are the same file and get
 * the same policy, static.ts).
 */
export const STRICT_CSP_PAGES = new Set(['/csp-strict.html', '/admin.html']);

/** What every demo page adds to its policy: no plugins, no <base> hijack, no framing. */
const PAGE_EXTRAS = "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The policy of the other demo pages (an OPD site, a Smart Kampung portal): only their
 * own scripts, styles and images, and the API on the same origin. No Trusted Types
 * there: those pages stand for sites that do not enforce them.
 */
export const PAGE_CSP = `default-src 'self'; script-src 'self'; style-src 'self'; ${PAGE_EXTRAS}`;

/**
 * Headers every demo page (HTML) is sent with. frame-ancestors and X-Frame-Options both
 * forbid framing (clickjacking a report form); X-Frame-Options is for browsers older than
 * CSP 2. No Referer leaves the pages: the widget needs none (CORS goes by Origin).
 */
export function pageHeaders(path: string, strict = STRICT_CSP_PAGES.has(path)): Record<string, string> {
  return {
    'Content-Security-Policy': strict ? `${STRICT_CSP}; ${PAGE_EXTRAS}` : PAGE_CSP,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}
