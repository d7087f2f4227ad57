// In front of a class (issue 21): presenter mode fits a projector, dialogs and the create
// form keep their buttons in view, the diagram follows a console command, sizes with units
// and decimal commas create what they say, and index.html shows something before the wasm.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { action, createForm, eventually, expectState, expectText, field, fillForm, openList, row } from './app-helpers.mjs';

const e2e = e2eSuite();

const PROJECTOR = { viewport: { width: 1280, height: 720 } };
const LAPTOP = { viewport: { width: 1366, height: 768 } };

const commandField = (page) => page.getByRole('textbox', { name: 'Command', exact: true });
async function type(page, line) {
  await commandField(page).fill(line);
  await commandField(page).press('Enter');
}

/** Fails unless the whole of `locator`'s box is inside the viewport. */
async function expectInViewport(page, locator, what) {
  const box = await locator.boundingBox();
  assert.ok(box, `${what} is rendered`);
  const { width, height } = page.viewportSize();
  assert.ok(
    box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5,
    `${what} is inside the ${width}×${height} viewport: ${JSON.stringify(box)}`,
  );
}

/** Fails unless `locator` is the topmost element at its centre (not covered, not scrolled off). */
async function expectUncovered(locator, what) {
  const top = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return hit === element || element.contains(hit);
  });
  assert.ok(top, `${what} is on top at its centre`);
}

for (const [size, options] of [['1280×720', PROJECTOR], ['1366×768', LAPTOP]]) {
  e2e(`presenter mode at ${size}: the list, the diagram and the console are inside the viewport, in 20 px type`, async ({ page, url }) => {
    await openList(page, `${url}?present=1&lang=en`);
    const toggle = page.getByRole('button', { name: 'Presenter mode', exact: true });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await expectInViewport(page, page.locator('section.vms'), 'the VM list');
    await expectInViewport(page, page.locator('figure.lifecycle'), 'the lifecycle diagram');
    await expectInViewport(page, page.locator('section.console'), 'the console');
    await expectInViewport(page, commandField(page), 'the command field');
    const fontSize = await page.locator('.specs').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    assert.ok(fontSize >= 20, `body text is ${fontSize} px`);

    // The toggle turns it off, and the address follows (keeping ?lang=).
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(new URL(page.url()).searchParams.get('present'), null);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
    await toggle.click();
    assert.equal(new URL(page.url()).searchParams.get('present'), '1');
  }, { context: options });
}

e2e('in presenter mode a console command moves the diagram to the VM it operated on', async ({ page, url }) => {
  await openList(page, `${url}?present=1`);
  // Nothing selected: the general machine.
  await page.locator('svg[aria-label="Lifecycle"]').waitFor();
  await type(page, 'suspend web-01');
  const diagram = page.getByRole('group', { name: 'Lifecycle of web-01' });
  await diagram.waitFor();
  await eventually(async () =>
    assert.equal(await diagram.locator('[aria-current="true"]').getAttribute('data-lifecycle-state'), 'paused'));
  await diagram.locator('.lc-edge.fired[data-lifecycle-transition="running-paused"]').waitFor();
  await expectInViewport(page, diagram, 'the diagram');

  // Another VM operated on, from the JS API this time: the diagram follows it.
  await page.evaluate(() => vmPlayground.startVm('build-runner'));
  await page.getByRole('group', { name: 'Lifecycle of build-runner' }).waitFor();
}, { context: PROJECTOR });

e2e('the diagram names operations as the console does, and unavailable ones are dashed, not faded', async ({ page, url }) => {
  await openList(page, url);
  await type(page, 'resume db-01');
  const diagram = page.getByRole('group', { name: 'Lifecycle of db-01' });
  await diagram.waitFor();
  const labels = await diagram.locator('.lc-edge text').allTextContents();
  assert.deepEqual(labels, ['start', 'shutdown', 'suspend', 'resume', 'shutdown']);
  const unavailable = diagram.locator('.lc-edge.dimmed').first();
  const style = await unavailable.evaluate((element) => ({
    opacity: getComputedStyle(element).opacity,
    dash: getComputedStyle(element.querySelector('path')).strokeDasharray,
  }));
  assert.equal(style.opacity, '1');
  assert.notEqual(style.dash, 'none');
});

e2e('the create form\'s buttons are visible without scrolling at 1366×768', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  for (const name of ['Create', 'Create stopped']) {
    const button = form.getByRole('button', { name, exact: true });
    await expectInViewport(page, button, name);
    await expectUncovered(button, name);
  }
}, { context: LAPTOP });

e2e('at 1280×720 the edit and confirm dialogs keep their buttons visible', async ({ page, url }) => {
  await openList(page, url);
  await action(page, 'Edit', 'web-01').click();
  const dialog = page.getByRole('dialog');
  for (const name of ['Save', 'Cancel']) {
    const button = dialog.getByRole('button', { name, exact: true });
    await expectInViewport(page, button, name);
    await expectUncovered(button, name);
  }
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  await action(page, 'Force off', 'web-01').click();
  const confirm = page.getByRole('dialog', { name: 'Force off web-01?' });
  const forceOff = confirm.getByRole('button', { name: 'Force off', exact: true });
  await expectInViewport(page, forceOff, 'Force off');
  await expectUncovered(forceOff, 'Force off');
  await forceOff.click();
  await expectState(page, 'web-01', 'stopped');
  // The click ran `destroy`: mirrored in the console and logged under that name.
  await expectText(page.getByRole('log', { name: 'Console output' }), '# virsh destroy web-01');
  await page.locator('[data-event-op="destroy"][data-event-vm="web-01"]').waitFor();
}, { context: PROJECTOR });

e2e('sizes with units and decimal commas create what they say; a bare small memory asks first', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await fillForm(form, { Name: 'units-01', 'Memory (MB)': '1,5 GB', 'Disk size (GB)': '2048 MB' });
  await expectText(form.locator('#create-memory-understood'), '= 1536 MB');
  await expectText(form.locator('#create-diskSize-understood'), '= 2 GB');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'units-01', 'running');
  await expectText(row(page, 'units-01'), '1.5 GB');

  // "4,096" is no thousands separator: refused with a message, not read as 4096.
  await fillForm(form, { Name: 'comma-01', 'Memory (MB)': '4,096' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectText(form, 'memory must be a whole number of MB, got "4,096"');
  assert.equal(await row(page, 'comma-01').count(), 0);

  // "2" meaning gigabytes: asked, and the answer is taken.
  await fillForm(form, { Name: 'small-01', 'Memory (MB)': '2' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectText(form, 'Did you mean 2 GB?');
  assert.equal(await row(page, 'small-01').count(), 0);
  await form.getByRole('button', { name: 'Use 2 GB', exact: true }).click();
  await expectState(page, 'small-01', 'running');
  await expectText(row(page, 'small-01'), '2 GB');

  // Or kept as typed.
  await fillForm(form, { Name: 'small-02', 'Memory (MB)': '2' });
  await form.getByRole('button', { name: 'Create stopped', exact: true }).click();
  await form.getByRole('button', { name: 'Keep 2 MB', exact: true }).click();
  await expectState(page, 'small-02', 'stopped');
  await expectText(row(page, 'small-02'), '2 MB');
});

e2e('the selected VM\'s details say in text why an action is unavailable', async ({ page, url }) => {
  await openList(page, url);
  await row(page, 'web-01').getByRole('button', { name: 'Show details of web-01' }).click();
  await expectText(page.locator('.vm-details .unavailable'), 'Start is unavailable for web-01: already running');
  // Buttons show the virsh command beside the word where they differ: right after the
  // button, outside it (its accessible name contains all the text it shows).
  const commandBeside = (button) =>
    button.evaluate((element) => (element.nextElementSibling?.matches('code.virsh') ? element.nextElementSibling.textContent : null));
  assert.equal(await commandBeside(action(page, 'Stop', 'web-01')), 'shutdown');
  assert.equal(await commandBeside(action(page, 'Pause', 'web-01')), 'suspend');
  assert.equal(await commandBeside(action(page, 'Start', 'web-01')), null, 'no command beside Start: the word is the command');

  // Reboot runs the console's `reboot`: mirrored and logged under that name.
  await action(page, 'Reboot', 'web-01').click();
  await expectText(page.getByRole('log', { name: 'Console output' }), '# virsh reboot web-01');
  await page.locator('[data-event-op="reboot"][data-event-vm="web-01"]').waitFor();
  await expectState(page, 'web-01', 'running');
});

e2e('index.html shows the app\'s name and a loading state before the wasm, and a failure with Reload', async ({ page, url, problems }) => {
  // The wasm never arrives.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(`${url}?lang=ru`);
  const boot = page.locator('#boot');
  await expectText(boot, 'VM Playground');
  await eventually(async () => assert.match(await boot.getAttribute('class'), /\bfailed\b/));
  await expectText(boot, 'Не удалось загрузить приложение');
  assert.ok(await boot.getByRole('button', { name: 'Перезагрузить' }).isVisible());
  assert.equal(await boot.getByRole('button', { name: 'Reload' }).isVisible(), false);
  // The aborted request and the loader's rejection are this test's point, not a problem.
  problems.length = 0;
});

e2e('the loading screen goes when the app mounts', async ({ page, url }) => {
  await openList(page, url);
  assert.equal(await page.locator('#boot').count(), 0);
});
