// What every end-to-end test shares: a static server that serves dist/ under the sub-path
// GitHub Pages uses, a headless Chromium, and pages that record console errors, failed
// requests and Content-Security-Policy violations. A failing test leaves a screenshot and the
// console log in test-output/.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = process.env.DIST ?? join(ROOT, 'dist');
export const SUB_PATH = '/vm-playground/';
const OUTPUT = join(ROOT, 'test-output');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves `dir` under `subPath` like GitHub Pages: anything else is a 404. */
export function serveStatic(dir = DIST, subPath = SUB_PATH) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (!url.pathname.startsWith(subPath)) {
      response.writeHead(404).end('not found');
      return;
    }
    let path = normalize(join(dir, decodeURIComponent(url.pathname.slice(subPath.length))));
    if (!path.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const body = readFileSync(path);
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolvePromise({ server, url: `http://127.0.0.1:${port}${subPath}` });
    });
  });
}

/** Chromium as root on a machine without outside network: these flags keep it quiet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Sets up one browser and server for the calling test file and returns `e2e(name, body)`,
 * which runs `body({ page, context, app, url, problems })` in a fresh browser context and
 * fails if the page logged a console error, threw, had a failed request or violated its
 * Content-Security-Policy, unless the test cleared `problems` itself.
 */
export function e2eSuite() {
  const shared = {};
  before(async () => {
    Object.assign(shared, await serveStatic());
    shared.browser = await launchChromium();
  });
  after(async () => {
    await shared.browser?.close();
    shared.server?.close();
  });

  return function e2e(name, body, options = {}) {
    test(name, options, async () => {
      const context = await shared.browser.newContext(options.context ?? {});
      const log = [];
      const problems = [];
      await watchCsp(context, (violation) => {
        log.push(`[csp] ${violation}`);
        problems.push(`CSP violation: ${violation}`);
      });
      const watch = (page) => {
        page.on('console', (message) => {
          log.push(`[${message.type()}] ${message.text()}`);
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
          else if (CSP_MESSAGE.test(message.text())) problems.push(`console: ${message.text()}`);
        });
        page.on('pageerror', (error) => {
          log.push(`[pageerror] ${error.message}`);
          problems.push(`page error: ${error.message}`);
        });
        page.on('requestfailed', (request) => {
          problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
        });
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
        });
      };
      context.on('page', watch);
      const page = await context.newPage();
      try {
        await body({ page, context, url: shared.url, problems, log });
        if (problems.length > 0) throw new Error(`the page had problems:\n${problems.join('\n')}`);
      } catch (error) {
        mkdirSync(OUTPUT, { recursive: true });
        const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
        for (const [index, open] of context.pages().entries()) {
          await open.screenshot({ path: join(OUTPUT, `${slug}-${index}.png`), fullPage: true }).catch(() => {});
        }
        writeFileSync(join(OUTPUT, `${slug}.console.log`), `${log.join('\n')}\n`);
        throw error;
      } finally {
        await context.close();
      }
    });
  };
}

/** A console message about the Content-Security-Policy, whatever its level. */
const CSP_MESSAGE = /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|evaluate|compile|create|frame)/i;

/**
 * Calls `report(text)` for every `securitypolicyviolation` event in every page and frame of
 * `context`: a listener added by an init script (which the page's policy does not govern)
 * before any of the page's own scripts runs.
 */
export async function watchCsp(context, report) {
  await context.exposeBinding('__reportCspViolation', (_source, text) => report(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
      window.__reportCspViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'an inline use'}${where}` +
          (event.sample ? ` (${event.sample})` : ''),
      );
    });
  });
}

/** Opens the app and waits until it has mounted. */
export async function openApp(page, url) {
  await page.goto(url);
  await page.locator('main.app').waitFor();
}
