import assert from 'node:assert/strict';
import { e2eSuite, openApp } from './harness.mjs';
import { action, editForm, expectState, expectText, row } from './app-helpers.mjs';

const e2e = e2eSuite();

e2e('the page loads under the sub-path with no console error and no failed request', async ({ page, url }) => {
  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  await page.locator('main.app').waitFor();
  await assert.doesNotReject(page.getByRole('heading', { name: 'VM Playground' }).waitFor());
  assert.equal(await page.title(), 'VM Playground');
});

e2e('assets are requested under the sub-path, not the site root', async ({ page, url }) => {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openApp(page, url);
  const assets = requested.filter((path) => /\.(js|wasm|css)$/.test(path));
  assert.ok(assets.length >= 3, `expected js, wasm and css, saw ${assets.join(', ')}`);
  for (const path of assets) assert.ok(path.startsWith('/vm-playground/'), path);
});

e2e('with service workers blocked (a policy, an extension, a test harness) the page runs with no error', async ({ page, url }) => {
  // Note when the page's registration settles, however the browser answers it.
  await page.addInitScript(() => {
    const container = navigator.serviceWorker;
    if (!container) return;
    const register = container.register.bind(container);
    window.__registrationSettled = new Promise((settled) => {
      container.register = (...args) => {
        const answer = register(...args);
        Promise.resolve(answer).then(settled, settled);
        return answer;
      };
    });
  });
  await page.goto(url);
  await page.locator('[data-vm]').first().waitFor();
  await page.evaluate(() => window.__registrationSettled);
  // The page's continuation runs after the promise settles: one more task, then the harness
  // fails the test on any page error.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.getByRole('button', { name: 'Stop web-01', exact: true }).click();
  await page.locator('[data-vm="web-01"][data-state="stopped"]').waitFor();
}, { context: { serviceWorkers: 'block' } });

e2e('a wasm that can\'t be fetched shows the loading screen\'s failure and its Reload button, in the page\'s language', async ({ page, url, problems }) => {
  await page.route('**/*_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${url}?lang=ru`);
  await page.getByText('Не удалось загрузить приложение', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Перезагрузить' }).waitFor();
  assert.equal(await page.locator('main.app').count(), 0);
  // The 404 and the loader's error are what this test asks for.
  const expected = /HTTP 404|404|failed to fetch Wasm/;
  assert.ok(problems.length > 0 && problems.every((problem) => expected.test(problem)), problems.join('\n'));
  problems.length = 0;
});

e2e("a dialog whose code can't be fetched: the page says so and stays usable, and asking again opens it", async ({ page, url, problems }) => {
  await page.route(/split_edit-[0-9a-f]+\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  // The parts below the first screen come only once the failure shows: another part that
  // arrives must not take the alert away (it did, when they came in that order).
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/split_below_first_screen-[0-9a-f]+\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url);
  await row(page, 'web-01').waitFor();
  await action(page, 'Edit', 'web-01').click();
  const alert = page.locator('[data-alert="part-failed"]');
  await expectText(alert, 'A part of the page could not be loaded');
  release();
  await page.getByRole('region', { name: 'Host', exact: true }).waitFor();
  await alert.getByRole('button', { name: 'Reload', exact: true }).waitFor();
  // No dialog is waiting: the page behind is not inert, and a click works.
  assert.equal(await page.getByRole('dialog').count(), 0);
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  // The 404 and the loader's error are what this test asks for.
  problems.length = 0;
  // The connection is back: Edit fetches the code again, opens, and the alert goes.
  await page.unroute(/split_edit-[0-9a-f]+\.wasm$/);
  await action(page, 'Edit', 'web-01').click();
  await editForm(page).waitFor();
  await alert.waitFor({ state: 'detached' });
});

e2e("Russian's words that can't be fetched: the page opens in English and says so, and switching again once they come works", async ({ page, url, problems }) => {
  const words = /\/ru-[0-9a-f]+\.txt$/;
  await page.route(words, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`${url}?lang=ru`);
  await row(page, 'web-01').waitFor();
  const alert = page.locator('[data-alert="part-failed"]');
  await expectText(alert, 'A part of the page could not be loaded');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  // The 404 and the error logged for it are what this test asks for.
  problems.length = 0;
  await page.unroute(words);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ru');
  await page.getByRole('button', { name: 'Запустить web-01', exact: true }).waitFor();
  await alert.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
}, { context: { serviceWorkers: 'block' } });
