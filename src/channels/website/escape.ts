const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes user text for HTML and XML, in element content and in quoted attributes alike,
 * so one function serves pages, the Atom feed and every attribute.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Characters XML 1.0 does not allow (§ 2.2): C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes user text for XML: as escapeHtml, and a character XML does not allow becomes U+FFFD, since
 * one such character (a U+FFFF the intake lets through) makes the whole feed unreadable to every reader.
 */
export function escapeXml(text: string): string {
  return escapeHtml(text).replace(NOT_XML, '\uFFFD');
}

/**
 * JSON for an inline `<script>`: `<`, `>` and `&` as \u escapes, so `</script>` or `<!--` in
 * user text cannot end the script; U+2028/2029 too, for old parsers that treat them as newlines.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Only http(s), mailto and tel links become `href`s: a `javascript:` URL in a field stays text. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:', 'tel:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
