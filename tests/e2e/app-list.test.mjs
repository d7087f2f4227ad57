// The list around the rows: filters, the details view, what survives a reload, and "Reset to demo".
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEMO,
  action,
  createForm,
  editForm,
  emptyState,
  expectFocused,
  expectList,
  expectSpec,
  expectState,
  expectText,
  fillForm,
  openList,
  pendingNotice,
  row,
  shownCount,
  summary,
} from './app-helpers.mjs';

const e2e = e2eSuite();

const details = (page) => page.getByRole('complementary', { name: 'Details', exact: true });

e2e('the text filter narrows the list by name, case-insensitively, and says how many are shown', async ({ page, url }) => {
  await openList(page, url);
  assert.equal((await shownCount(page).textContent()).trim(), '', 'no count without a filter');
  const filter = page.getByLabel('Filter by name', { exact: true });
  await filter.fill('01');
  await expectList(page, [DEMO[1], DEMO[2]]);
  await expectText(shownCount(page), 'Showing 2 of 3');
  await filter.fill('WEB');
  await expectList(page, [DEMO[2]]);
  await expectText(shownCount(page), 'Showing 1 of 3');
  // The summary still counts every VM.
  await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');
  await filter.fill('');
  await expectList(page, DEMO);
  await expectText(shownCount(page), /^\s*$/);
});

e2e('the state filter shows one state, follows transitions, and combines with the text filter', async ({ page, url }) => {
  await openList(page, url);
  const state = page.getByLabel('State', { exact: true });
  const options = await state.locator('option').allTextContents();
  assert.equal(options[0], 'All states');
  assert.deepEqual(options.slice(1).sort(), ['Paused', 'Running', 'Stopped']);
  await state.selectOption({ label: 'Paused' });
  await expectList(page, [DEMO[1]]);
  await expectText(shownCount(page), 'Showing 1 of 3');
  await state.selectOption({ label: 'Running' });
  await expectList(page, [DEMO[2]]);
  // A VM that leaves the filtered state leaves the list; one that enters it appears.
  await action(page, 'Pause', 'web-01').click();
  await expectList(page, []);
  await state.selectOption({ label: 'Stopped' });
  await expectList(page, [DEMO[0]]);
  await action(page, 'Start', 'build-runner').click();
  await expectList(page, []);
  await state.selectOption({ label: 'Paused' });
  await expectList(page, [DEMO[1], ['web-01', 'paused']]);
  await page.getByLabel('Filter by name', { exact: true }).fill('web');
  await expectList(page, [['web-01', 'paused']]);
  await expectText(shownCount(page), 'Showing 1 of 3');
  await state.selectOption({ label: 'All states' });
  await expectList(page, [['web-01', 'paused']]);
});

e2e('a filter that matches nothing says so, and "Clear filters" brings every VM back', async ({ page, url }) => {
  await openList(page, url);
  await page.getByLabel('Filter by name', { exact: true }).fill('zzz');
  await page.getByLabel('State', { exact: true }).selectOption({ label: 'Running' });
  await expectList(page, []);
  await expectText(emptyState(page), 'No VM matches the filter.');
  await expectText(shownCount(page), 'Showing 0 of 3');
  await page.getByRole('button', { name: 'Clear filters', exact: true }).click();
  await expectList(page, DEMO);
  assert.equal(await page.getByLabel('Filter by name', { exact: true }).inputValue(), '');
  assert.equal(await page.getByLabel('State', { exact: true }).inputValue(), 'all');
  assert.equal(await page.getByText('No VM matches the filter.').count(), 0);
});

e2e('the details view shows the chosen VM\'s state, config, times and pending changes', async ({ page, url }) => {
  await openList(page, url);
  await expectText(details(page), "Choose a VM's name in the list");
  await page.getByRole('button', { name: 'Show details of web-01', exact: true }).click();
  const panel = details(page);
  await panel.getByRole('heading', { name: 'web-01', exact: true }).waitFor();
  // Term → value, as the panel's definition lists pair them.
  const entries = async () =>
    Object.fromEntries(
      await panel.evaluate((element) =>
        [...element.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
      ),
    );
  let shown = await entries();
  assert.equal(shown.State, 'Running');
  assert.equal(shown.Memory, '2048 MB (2 GB)');
  assert.equal(shown.vCPUs, '2');
  assert.equal(shown['Disk path'], '/var/lib/libvirt/images/web-01.qcow2');
  assert.equal(shown['Disk size'], '20 GB');
  assert.equal(shown['ISO image'], 'none');
  assert.equal(shown.Network, 'default');
  const year = String(new Date().getFullYear());
  assert.ok(shown.Created.includes(year), `Created: ${shown.Created}`);
  assert.ok(shown['State changed'].includes(year), `State changed: ${shown['State changed']}`);

  // It follows the VM: a transition and a pending edit show up.
  await action(page, 'Pause', 'web-01').click();
  await expectText(panel, 'StatePaused');
  // Every part follows, not only the state: the reasons and the revision.
  await expectText(panel.locator('.unavailable'), 'Pause is unavailable for web-01: already paused');
  assert.equal((await entries()).Revision, String(Number(shown.Revision) + 1));
  await action(page, 'Edit', 'web-01').click();
  await fillForm(editForm(page), { 'Memory (MB)': '6144' });
  await editForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expectText(panel, 'Pending — applied at next stop');
  await expectText(panel, '6144 MB (6 GB)');

  // Another VM's name switches the panel.
  await page.getByRole('button', { name: 'Show details of build-runner', exact: true }).click();
  await panel.getByRole('heading', { name: 'build-runner', exact: true }).waitFor();
  shown = await entries();
  assert.equal(shown['ISO image'], '/isos/debian-12.iso');
  assert.equal(shown.State, 'Stopped');
  assert.ok(!(await panel.textContent()).includes('Pending'));
  // Every part names the VM now shown, the parts that look the same for both VMs too.
  assert.equal(await panel.locator('[data-details-vm]').getAttribute('data-details-vm'), 'build-runner');
  await expectText(panel.locator('.unavailable'), 'Stop is unavailable for build-runner: not running');
  assert.equal(await panel.getByRole('button', { name: 'Take snapshot of build-runner', exact: true }).count(), 1);
  assert.equal(await panel.getByRole('button', { name: 'Take snapshot of web-01', exact: true }).count(), 0);
});

e2e('a reload keeps every VM, its state and its pending changes', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await fillForm(form, { Name: 'kept-01', 'Memory (MB)': '768', 'Disk path': '/data/kept.img', 'ISO image': '/isos/x.iso' });
  await form.getByRole('button', { name: 'Create stopped', exact: true }).click();
  await expectState(page, 'kept-01', 'stopped');
  await fillForm(form, { Name: 'kept-02' });
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'kept-02', 'running');
  await action(page, 'Pause', 'web-01').click();
  await action(page, 'Stop', 'db-01').click();
  await action(page, 'Start', 'build-runner').click();
  await action(page, 'Edit', 'build-runner').click();
  await fillForm(editForm(page), { vCPUs: '8' });
  await editForm(page).getByRole('button', { name: 'Save', exact: true }).click();
  await expectText(pendingNotice(page, 'build-runner'), 'vCPUs 1 → 8');
  const expected = [
    ['build-runner', 'running'],
    ['db-01', 'stopped'],
    ['kept-01', 'stopped'],
    ['kept-02', 'running'],
    ['web-01', 'paused'],
  ];
  await expectList(page, expected);
  const before = await summary(page).textContent();

  await page.reload();
  await row(page, 'web-01').waitFor();
  await expectList(page, expected);
  assert.equal(await summary(page).textContent(), before);
  await expectText(row(page, 'kept-01'), '768 MB');
  await expectText(row(page, 'kept-01'), '/isos/x.iso');
  await expectText(pendingNotice(page, 'build-runner'), 'vCPUs 1 → 8');
  await page.getByRole('button', { name: 'Show details of kept-01', exact: true }).click();
  await expectText(details(page), '/data/kept.img');

  // A second reload: nothing was reset to the demo on the way.
  await page.reload();
  await row(page, 'web-01').waitFor();
  await expectList(page, expected);
});

/** Opens the "Reset to demo" confirmation and returns the dialog. */
async function askReset(page) {
  await page.getByRole('button', { name: 'Reset to demo', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset to the demo?', exact: true });
  await dialog.waitFor();
  await expectText(dialog, 'replaced by the three demo VMs');
  return dialog;
}

e2e('"Reset to demo" asks first: Cancel or Escape change nothing', async ({ page, url }) => {
  await openList(page, url);
  await fillForm(createForm(page), { Name: 'extra-01' });
  await createForm(page).getByRole('button', { name: 'Create', exact: true }).click();
  const changed = [...DEMO, ['extra-01', 'running']].sort(([a], [b]) => a.localeCompare(b));
  await expectList(page, changed);

  let dialog = await askReset(page);
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectList(page, changed);

  dialog = await askReset(page);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectList(page, changed);
  await expectFocused(page.getByRole('button', { name: 'Reset to demo', exact: true }), 'the Reset to demo button');
});

e2e('"Reset to demo" brings back the three demo VMs and drops the others, also after a reload', async ({ page, url }) => {
  await openList(page, url);
  await action(page, 'Delete', 'web-01').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'web-01').waitFor({ state: 'detached' });
  await fillForm(createForm(page), { Name: 'extra-01' });
  await createForm(page).getByRole('button', { name: 'Create stopped', exact: true }).click();
  await expectList(page, [DEMO[0], DEMO[1], ['extra-01', 'stopped']]);

  const dialog = await askReset(page);
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectList(page, DEMO);
  await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');

  await page.reload();
  await row(page, 'web-01').waitFor();
  await expectList(page, DEMO);
});

e2e(
  '"Reset to demo" puts demo VMs that changed back in their demo state and config',
  async ({ page, url }) => {
    await openList(page, url);
    await action(page, 'Stop', 'db-01').click();
    await action(page, 'Start', 'build-runner').click();
    await action(page, 'Stop', 'web-01').click();
    await action(page, 'Edit', 'web-01').click();
    await fillForm(editForm(page), { 'Memory (MB)': '8192' });
    await editForm(page).getByRole('button', { name: 'Save', exact: true }).click();
    await expectSpec(page, 'web-01', 'Memory', '8 GB');
    await expectList(page, [['build-runner', 'running'], ['db-01', 'stopped'], ['web-01', 'stopped']]);

    const dialog = await askReset(page);
    await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // The summary (from the app's rows) and the list (the rendered rows) must agree.
    await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');
    await expectList(page, DEMO);
    await expectSpec(page, 'web-01', 'Memory', '2 GB');
    // The buttons act on the VM as it is now: db-01 is paused, so Resume works.
    await action(page, 'Resume', 'db-01').click();
    await expectState(page, 'db-01', 'running');
    assert.equal(await page.getByRole('alert').count(), 0);
  },
);

e2e('a row shows user data as text: markup in an ISO path or a network name is not markup', async ({ page, url }) => {
  await openList(page, url);
  const iso = `/isos/<b>bold</b> & "quoted" 'one'.iso`;
  const network = 'lab<i>';
  const created = await page.evaluate(
    ([iso, network]) => {
      try {
        window.vmPlayground.defineVm({ name: 'marked-up', isoImage: iso, network });
        return 'network';
      } catch {
        // A network name the manager refuses: the ISO path alone.
        window.vmPlayground.defineVm({ name: 'marked-up', isoImage: iso });
        return 'iso';
      }
    },
    [iso, network],
  );
  const specs = row(page, 'marked-up').locator('.specs');
  await expectText(specs, iso);
  if (created === 'network') await expectText(specs, network);
  assert.equal(await specs.locator('b, i').count(), 0);
  // User data is marked as not to be translated, each piece whole.
  const untranslated = await specs.locator('[translate="no"]').allTextContents();
  assert.ok(untranslated.includes(iso), JSON.stringify(untranslated));
  if (created === 'network') assert.ok(untranslated.includes(network), JSON.stringify(untranslated));
});
