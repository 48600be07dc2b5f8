/**
 * The strict Content-Security-Policy from DESIGN.md, sent with /csp-strict.html so the
 * widget is proven to work without inline script/style, eval, or raw HTML sinks.
 * `connect-src` falls back to `default-src 'self'`: the page talks only to this gateway.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html lapor-embed";

/** Pages that are served with STRICT_CSP. */
export const STRICT_CSP_PAGES = new Set(['/csp-strict.html']);
