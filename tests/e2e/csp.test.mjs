// The Content-Security-Policy: dist/index.html carries it with the directives the README
// promises, and the harness notices a violation. That the app runs under it in every feature
// (import by picker and by drop, export, the console, the JS API, several tabs) is what every
// other e2e test shows: each fails on a violation.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIST, e2eSuite, openApp } from './harness.mjs';
import { waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

/** The shipped policy, directive name → sources, parsed here independently of the build. */
function shippedPolicy() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const tag = html.match(/<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i);
  assert.ok(tag, 'dist/index.html has a CSP meta tag');
  const content = tag[0].match(/content="([^"]*)"/)[1];
  const policy = new Map(
    content
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
  return { html, tag, policy };
}

test('the shipped index.html carries the policy with the required directives', () => {
  const { html, tag, policy } = shippedPolicy();
  const scriptSrc = policy.get('script-src');
  assert.ok(scriptSrc, 'script-src is set');
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:']) {
    assert.ok(!scriptSrc.includes(unsafe), `script-src has no ${unsafe}: ${scriptSrc}`);
  }
  assert.ok(scriptSrc.includes("'wasm-unsafe-eval'"), 'the wasm may be compiled');
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  // What GitHub Pages serves elsewhere on the origin, or any other site, can't be loaded.
  for (const [name, sources] of policy) {
    for (const source of sources) {
      assert.ok(/^'|^data:$/.test(source), `${name} allows only keywords, hashes and data: (${source})`);
    }
  }
  assert.ok(!policy.has('frame-ancestors') && !policy.has('report-uri') && !policy.has('sandbox'),
    'no directive a meta tag ignores (the browser would say so in the console)');

  // The policy comes before every script and pins each inline one by its sha256.
  assert.ok(tag.index < html.search(/<script\b/i), 'the meta tag precedes every script');
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
    ([, attributes, text]) => !/\bsrc=/i.test(attributes) && text.length > 0,
  );
  assert.ok(inline.length >= 1, "Trunk's loader is inline");
  for (const [, , text] of inline) {
    const hash = `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    assert.ok(scriptSrc.includes(hash), `script-src lists ${hash}`);
  }
});

e2e('a CSP violation is caught: an injected inline script is blocked and reported', async ({ page, url, problems }) => {
  await openApp(page, url);
  assert.deepEqual(problems, [], 'the app itself runs with no violation');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
    return window.injected === true;
  });
  assert.equal(ran, false, 'the inline script did not run');
  await waitFor(
    () => problems.some((problem) => problem.startsWith('CSP violation: script-src-elem blocked')),
    'the harness to record the violation',
  );
  // The test expected these; any other problem still fails it.
  const expected = (problem) => problem.startsWith('CSP violation: script-src-elem') || /inline script/i.test(problem);
  assert.deepEqual(problems.filter((problem) => !expected(problem)), []);
  problems.length = 0;
});
