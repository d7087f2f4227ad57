import assert from 'node:assert/strict';
import { e2eSuite, openApp } from './harness.mjs';

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
