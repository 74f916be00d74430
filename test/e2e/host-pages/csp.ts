/**
 * The Content-Security-Policy of the host pages: what a strict seller page sends, and what the
 * README lists as the widget's needs. No 'unsafe-inline', no 'unsafe-eval'. The widget needs only
 * its worker's origin in script-src (widget.js and its chunks) and connect-src (the API); its
 * styles are constructed stylesheets (adoptedStyleSheets), which style-src does not govern.
 * Everything else here is the page's own ('self': its script and stylesheet files).
 */
export type CspVariant = 'allowlist' | 'nonce' | 'trusted-types' | 'trusted-types-shared' | 'no-connect';

export function hostPagePolicy(variant: CspVariant, worker: string, nonce: string): string {
  const script =
    variant == 'nonce'
      ? // Google's "strict CSP": a nonce on the page's own script tags, and what they load is trusted.
        `script-src 'nonce-${nonce}' 'strict-dynamic'`
      : `script-src 'self' ${worker}`;
  return [
    "default-src 'none'",
    script,
    // The no-connect variant leaves the worker out: the violation must be seen (the check works).
    variant == 'no-connect' ? "connect-src 'self'" : `connect-src ${worker}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    // Lit creates one Trusted Types policy, "lit-html"; the widget writes to no other sink. A page
    // with its own Lit creates one of the same name: 'allow-duplicates', or the second Lit throws.
    ...(variant == 'trusted-types' ? ["require-trusted-types-for 'script'", 'trusted-types lit-html'] : []),
    ...(variant == 'trusted-types-shared' ? ["require-trusted-types-for 'script'", "trusted-types lit-html 'allow-duplicates'"] : []),
  ].join('; ');
}
