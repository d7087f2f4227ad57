// The Content-Security-Policy in index.html lets no inline script run except the ones the
// build itself wrote: Trunk puts its loader (`<script type=module>import init ...`) inline,
// and in `trunk serve` its live-reload script too. pinInlineScripts() lists the sha256 of each
// of them in the policy's script-src, so the policy needs no 'unsafe-inline'.
import { createHash } from 'node:crypto';

const META = /<meta\b[^>]*\bhttp-equiv=(["']?)Content-Security-Policy\1[^>]*>/i;
const CONTENT = /\bcontent=(?:"([^"]*)"|'([^']*)')/i;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** The text of every inline script (one without a src) in `html`, in document order. */
export function inlineScripts(html) {
  return [...html.matchAll(SCRIPT)]
    .filter(([, attributes, text]) => !/\bsrc\s*=/i.test(attributes) && text.length > 0)
    .map(([, , text]) => text);
}

/** The CSP source expression of a script's text: `'sha256-<base64>'`. */
export function sha256Source(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy of `html`'s CSP meta tag, as a Map from directive name to its sources. */
export function policyOf(html) {
  const meta = html.match(META);
  if (!meta) throw new Error('csp: index.html has no <meta http-equiv="Content-Security-Policy">');
  const content = meta[0].match(CONTENT);
  if (!content) throw new Error('csp: the CSP meta tag has no quoted content');
  const policy = new Map();
  for (const directive of (content[1] ?? content[2]).split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

const write = (policy) => [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/**
 * `html` with its CSP's script-src listing the hash of each inline script (and no hash of
 * anything else). Fails if the tag comes after a script: a meta policy covers only what follows it.
 */
export function pinInlineScripts(html) {
  const meta = html.match(META);
  const policy = policyOf(html);
  const firstScript = html.search(/<script\b/i);
  if (firstScript !== -1 && firstScript < meta.index) {
    throw new Error('csp: the CSP meta tag must come before every script');
  }
  const scriptSrc = (policy.get('script-src') ?? []).filter((source) => !source.startsWith("'sha256-"));
  const hashes = [...new Set(inlineScripts(html).map(sha256Source))];
  policy.set('script-src', [...scriptSrc, ...hashes]);
  const tag = meta[0].replace(CONTENT, `content="${write(policy)}"`);
  return { html: html.replace(meta[0], tag), hashes };
}
