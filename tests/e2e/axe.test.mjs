// Accessibility checked by axe-core (issues 18 and 21): no violation of any rule axe runs by
// default (WCAG 2 A and AA, contrast included, and its best practices) in light and dark mode,
// on a 360 px wide screen, in every dialog, in presenter mode and in Russian.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { e2eSuite } from './harness.mjs';
import { action, openList } from './app-helpers.mjs';

const e2e = e2eSuite();

/** axe-core's browser build, as npm installed it (package.json pins the version). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const DARK = { colorScheme: 'dark' };
const LIGHT = { colorScheme: 'light' };

/**
 * Runs axe on the whole page and fails, listing every violation and where, if it finds any.
 * axe goes in through `page.evaluate` (the DevTools protocol), not a <script> element: the
 * page's Content-Security-Policy allows only its own scripts, and evaluating this way is not
 * governed by it, so the policy stays on and any violation axe itself caused would still fail
 * the test (the harness reports those).
 */
async function expectNoViolations(page, where) {
  // A dialog or a theme may still be fading in: contrast is measured on the final colours.
  // (An animation cancelled meanwhile, its element replaced, rejects `finished`: it shows nothing.)
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {}))));
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      rule: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  const described = violations
    .map(({ rule, help, nodes }) => `${rule} (${help}):\n  ${nodes.slice(0, 8).join('\n  ')}${nodes.length > 8 ? `\n  … ${nodes.length - 8} more` : ''}`)
    .join('\n');
  assert.equal(violations.length, 0, `axe found violations in ${where}:\n${described}`);
}

const dialog = (page, name) => page.getByRole('dialog', { name, exact: true });

/** Opens a dialog with `open`, checks it, and closes it with Escape. */
async function checkDialog(page, name, open, where) {
  await open();
  await dialog(page, name).waitFor();
  await expectNoViolations(page, `the "${name}" dialog (${where})`);
  await page.keyboard.press('Escape');
  await dialog(page, name).waitFor({ state: 'detached' });
}

for (const [theme, scheme] of [['light', LIGHT], ['dark', DARK]]) {
  e2e(`axe: the page in ${theme} mode`, async ({ page, url }) => {
    await openList(page, `${url}?lang=en`);
    await expectNoViolations(page, `${theme} mode`);
  }, { context: scheme });

  e2e(`axe: every dialog in ${theme} mode`, async ({ page, url }) => {
    await openList(page, `${url}?lang=en`);
    const where = `${theme} mode`;
    await checkDialog(page, 'Edit db-01', () => action(page, 'Edit', 'db-01').click(), where);
    await checkDialog(page, 'Delete web-01?', () => action(page, 'Delete', 'web-01').click(), where);
    await checkDialog(page, 'Force off web-01?', () => action(page, 'Force off', 'web-01').click(), where);
    await checkDialog(page, 'Reset to the demo?', () => page.getByRole('button', { name: 'Reset to demo', exact: true }).click(), where);
    // Import: through the file chooser the Import button opens, as a user would pick a file.
    const file = JSON.stringify({ format: 'vm-playground', version: 1, vms: [{ name: 'web-01' }, { name: 'lab', memory: 256 }, 1] });
    await checkDialog(page, 'Import lab.json?', async () => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Import…', exact: true }).click(),
      ]);
      await chooser.setFiles({ name: 'lab.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    }, where);
    // Share, and the question a share link asks (the link pasted into this tab).
    await checkDialog(page, 'Share this setup', () => page.getByRole('button', { name: 'Share', exact: true }).click(), where);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const link = await dialog(page, 'Share this setup').getByRole('textbox', { name: 'Share link' }).inputValue();
    await page.keyboard.press('Escape');
    await checkDialog(page, 'Open shared setup?', () => page.evaluate((hash) => {
      location.hash = hash;
    }, new URL(link).hash), where);
  }, { context: scheme });
}

e2e('axe: a 360 px wide screen, light and dark', async ({ page, url }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openList(page, `${url}?lang=en`);
  await expectNoViolations(page, '360 px, light mode');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, '360 px, dark mode');
}, { context: LIGHT });

e2e('axe: presenter mode at 1280×720, light and dark', async ({ page, url }) => {
  await openList(page, `${url}?present=1&lang=en`);
  await expectNoViolations(page, 'presenter mode, light mode');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, 'presenter mode, dark mode');
}, { context: { ...LIGHT, viewport: { width: 1280, height: 720 } } });

e2e('axe: in Russian, with a dialog open, light and dark', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  await expectNoViolations(page, 'Russian, light mode');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, 'Russian, dark mode');
  await action(page, 'Удалить', 'web-01').click();
  await page.getByRole('dialog').waitFor();
  await expectNoViolations(page, 'Russian, the delete dialog');
}, { context: LIGHT });

e2e('axe: a lesson being played (hint, solution, completion), light and dark', async ({ page, url }) => {
  await openList(page, `${url}?lang=en#lesson=pause-vs-stop`);
  await page.locator('[data-lesson-playing="pause-vs-stop"]').waitFor();
  const lessons = page.getByRole('region', { name: 'Lessons', exact: true });
  await lessons.getByRole('button', { name: 'Hint', exact: true }).click();
  await lessons.getByRole('button', { name: 'Show solution', exact: true }).click();
  await expectNoViolations(page, 'a lesson, light mode');
  await page.evaluate(() => {
    window.vmPlayground.pauseVm('db-01');
    window.vmPlayground.stopVm('web-01');
  });
  await lessons.getByRole('status').getByText('Lesson complete').waitFor();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, 'a lesson complete, dark mode');
}, { context: LIGHT });

for (const [theme, scheme] of [['light', LIGHT], ['dark', DARK]]) {
  e2e(`axe: the snapshot tree and its dialogs in ${theme} mode`, async ({ page, url }) => {
    await openList(page, `${url}?lang=en`);
    await page.evaluate(() => {
      vmPlayground.createSnapshot('build-runner', 'base', 'fresh install');
      vmPlayground.createSnapshot('build-runner', 'child');
    });
    await page.getByRole('button', { name: 'Show details of build-runner', exact: true }).click();
    const panel = page.locator('[data-details-vm="build-runner"]');
    await panel.locator('[data-snapshot="child"]').waitFor();
    const where = `${theme} mode`;
    await expectNoViolations(page, `the snapshot tree (${where})`);
    const button = (name) => panel.getByRole('button', { name, exact: true });
    await checkDialog(page, 'Take a snapshot of build-runner', () => button('Take snapshot of build-runner').click(), where);
    await checkDialog(page, 'Clone build-runner', () => button('Clone build-runner').click(), where);
    await checkDialog(page, 'Revert build-runner to base?', () => button('Revert build-runner to base').click(), where);
    await checkDialog(page, 'Delete snapshot base of build-runner?', () => button('Delete snapshot base of build-runner').click(), where);
  }, { context: scheme });
}
