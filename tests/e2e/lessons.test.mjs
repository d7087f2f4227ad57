// Lessons: the list, a lesson played through clicks, the console and the JS API with its goals
// ticking off live, a hint, the solution, completion and the operations count, progress kept
// across a reload, the student's own VMs back unchanged after exit, and a lesson opened by a
// `#lesson=` link in Russian; undo inside a lesson, with the student's own history back after.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { DEMO, action, eventually, expectList, expectState, expectText, listed, openList, row } from './app-helpers.mjs';

const e2e = e2eSuite();

const commandField = (page, name = 'Command') => page.getByRole('textbox', { name, exact: true });

async function type(page, line, name) {
  await commandField(page, name).fill(line);
  await commandField(page, name).press('Enter');
}

/** Whether `url` is the Lessons panel's wasm chunk (scripts/split.mjs names it). */
const isLessonsChunk = (url) => /\/split_lessons-[0-9a-f]+\.wasm$/.test(new URL(url).pathname);

const lessonsRegion = (page, name = 'Lessons') => page.getByRole('region', { name, exact: true });
const goal = (page, id) => page.locator(`[data-goal="${id}"]`);

/** Waits until the goals' `data-goal-done` are `expected` ({id: 'true'|'false'}). */
async function expectGoals(page, expected) {
  await eventually(async () => {
    const shown = await page
      .locator('[data-goal]')
      .evaluateAll((goals) => Object.fromEntries(goals.map((goal) => [goal.dataset.goal, goal.dataset.goalDone])));
    assert.deepEqual(shown, expected);
  });
}

/** Every VM record the app stored, by key. */
const storedVms = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('vm-playground:vm:'))
        .sort()
        .map((key) => [key, localStorage.getItem(key)]),
    ),
  );

e2e('a lesson is played with clicks, the console and the JS API; progress stays; exit brings the own VMs back unchanged', async ({ page, url }) => {
  await openList(page, url);
  await expectList(page, DEMO);
  const before = await storedVms(page);
  assert.equal(Object.keys(before).length, 3);

  // The list is behind the Lessons button (its code is a chunk fetched when the panel opens).
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const region = lessonsRegion(page);
  await region.locator('[data-lesson="lifecycle"]').waitFor();
  assert.equal(await region.locator('[data-lesson]').count() >= 8, true);
  assert.equal(await region.locator('[data-lesson="lifecycle"]').getAttribute('data-lesson-done'), 'false');
  await region.getByRole('button', { name: 'Start lesson: First steps: the lifecycle', exact: true }).click();

  // The lesson's own VMs, and its goals, none met; focus is on the lesson's heading.
  await expectList(page, [['web-01', 'stopped']]);
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'First steps: the lifecycle'),
  );
  await expectGoals(page, { started: 'false', paused: 'false', resumed: 'false', stopped: 'false' });

  // A click…
  await action(page, 'Start', 'web-01').click();
  await expectGoals(page, { started: 'true', paused: 'false', resumed: 'false', stopped: 'false' });
  // …the console…
  await type(page, 'suspend web-01');
  await expectGoals(page, { started: 'true', paused: 'true', resumed: 'false', stopped: 'false' });
  // …and the JS API all count.
  await page.evaluate(() => window.vmPlayground.resumeVm('web-01'));
  await expectGoals(page, { started: 'true', paused: 'true', resumed: 'true', stopped: 'false' });
  // Nothing of the lesson is stored.
  assert.deepEqual(await storedVms(page), before);

  // A hint, then the solution.
  await region.getByRole('button', { name: 'Hint', exact: true }).click();
  await expectText(region.locator('.lesson-hints'), 'Only a stopped VM can be started');
  assert.equal(await region.locator('.lesson-hints li').count(), 1);
  await region.getByRole('button', { name: 'Show solution', exact: true }).click();
  const solution = region.getByRole('region', { name: 'Solution', exact: true });
  assert.deepEqual(await solution.locator('code').allTextContents(), [
    'start web-01',
    'suspend web-01',
    'resume web-01',
    'shutdown web-01',
  ]);

  // The last step, typed from the solution: the lesson is complete.
  await type(page, 'shutdown web-01');
  await expectState(page, 'web-01', 'stopped');
  await expectGoals(page, { started: 'true', paused: 'true', resumed: 'true', stopped: 'true' });
  const status = region.getByRole('status');
  await expectText(status, 'Lesson complete');
  await expectText(status, 'Operations used: 4. The solution uses: 4.');
  assert.equal(await status.getByRole('button', { name: 'Next lesson: Creating a VM with a config', exact: true }).count(), 1);
  await eventually(async () =>
    assert.equal(await region.locator('[data-lesson="lifecycle"]').getAttribute('data-lesson-done'), 'true'),
  );

  // After a reload: the lesson is still marked done, and the one being played restarts.
  await page.reload();
  await page.locator('[data-lesson-playing="lifecycle"]').waitFor();
  assert.equal(await page.locator('[data-lesson="lifecycle"]').getAttribute('data-lesson-done'), 'true');
  await expectList(page, [['web-01', 'stopped']]);

  // Exit: the student's own VMs are back, as they were, and so are their records.
  await lessonsRegion(page).getByRole('button', { name: 'Exit lesson', exact: true }).click();
  await expectList(page, DEMO);
  assert.deepEqual(await storedVms(page), before);
  // Focus goes back to the Lessons button (the lesson's buttons are gone).
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls')), 'lessons-body'),
  );
  // And a reload keeps them (no lesson runs any more).
  await page.reload();
  await expectList(page, DEMO);
  assert.equal(await page.locator('[data-lesson-playing]').count(), 0);
});

e2e('Restart lesson restores the setup, and a forced stop does not count as graceful', async ({ page, url }) => {
  await openList(page, url);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await lessonsRegion(page).getByRole('button', { name: 'Start lesson: Pause or stop?', exact: true }).click();
  await expectList(page, [['db-01', 'running'], ['web-01', 'running']]);
  await type(page, 'suspend db-01');
  await type(page, 'destroy web-01');
  await expectGoals(page, { 'db-paused': 'true', 'web-stopped': 'false', 'no-loss': 'false' });
  await lessonsRegion(page).getByRole('button', { name: 'Restart lesson', exact: true }).click();
  await expectList(page, [['db-01', 'running'], ['web-01', 'running']]);
  await expectGoals(page, { 'db-paused': 'false', 'web-stopped': 'false', 'no-loss': 'true' });
  await type(page, 'suspend db-01');
  await type(page, 'shutdown web-01');
  await expectText(lessonsRegion(page).getByRole('status'), 'Lesson complete');
});

e2e('a #lesson= link opens that lesson, in Russian with ?lang=ru', async ({ page, url }) => {
  await page.goto(`${url}?lang=ru#lesson=rename`);
  await page.locator('[data-lesson-playing="rename"]').waitFor();
  const region = lessonsRegion(page, 'Уроки');
  await expectText(region.locator('h3'), 'Переименование и его правила');
  await expectGoals(page, { 'old-gone': 'false', renamed: 'false', 'web-02': 'true', 'no-loss': 'true' });
  assert.deepEqual(await listed(page), [['web-02', 'stopped'], ['web-old', 'running']]);
  await region.getByRole('button', { name: 'Подсказка', exact: true }).click();
  await expectText(region.locator('.lesson-hints'), 'Попробуйте изменить имя работающей ВМ');
  await region.getByRole('button', { name: 'Показать решение', exact: true }).click();
  const solution = region.getByRole('region', { name: 'Решение', exact: true });
  for (const line of await solution.locator('code').allTextContents()) await type(page, line, 'Команда');
  await expectText(region.getByRole('status'), 'Урок пройден');
  await expectText(region.getByRole('status'), 'Выполнено операций: 3. В решении: 3.');
  await region.getByRole('button', { name: 'Следующий урок: Пределы хоста: освободите место', exact: true }).click();
  await page.locator('[data-lesson-playing="host-limits"]').waitFor();
  await expectList(page, [['batch-01', 'running'], ['big-01', 'stopped'], ['db-01', 'running'], ['test-01', 'paused']]);
  // Exit ends the link's lesson: a reload opens the student's own VMs (the demo).
  await region.getByRole('button', { name: 'Выйти из урока', exact: true }).click();
  await expectList(page, DEMO);
  await page.reload();
  await expectList(page, DEMO);
  // The list comes with the panel's chunk, when the panel opens (README, "Size").
  await page.getByRole('button', { name: 'Уроки', exact: true }).click();
  assert.equal(await page.locator('[data-lesson="rename"]').getAttribute('data-lesson-done'), 'true');
});

e2e("another tab's change to the student's VMs during a lesson reaches neither the lesson nor storage's other records, and is there after exit", async ({ page, context, url }) => {
  await openList(page, `${url}#lesson=lifecycle`);
  await page.locator('[data-lesson-playing="lifecycle"]').waitFor();
  await expectList(page, [['web-01', 'stopped']]);

  // A second tab opens in the lesson too (the current lesson is kept); it leaves the lesson
  // and pauses the student's own web-01.
  const other = await context.newPage();
  await other.goto(url);
  await other.locator('[data-lesson-playing="lifecycle"]').waitFor();
  await lessonsRegion(other).getByRole('button', { name: 'Exit lesson', exact: true }).click();
  await expectList(other, DEMO);
  await action(other, 'Pause', 'web-01').click();
  await expectState(other, 'web-01', 'paused');
  // And it resizes the student's host (the demo's is unlimited).
  await other.evaluate(() => vmPlayground.setHost({ memory: 65536, cpus: 32, storage: 2000 }));

  // The lesson's web-01 is untouched by it.
  await page.bringToFront();
  await action(page, 'Start', 'web-01').click();
  await expectState(page, 'web-01', 'running');
  await expectGoals(page, { started: 'true', paused: 'false', resumed: 'false', stopped: 'false' });

  // After the lesson: the student's VMs, with the other tab's change.
  await lessonsRegion(page).getByRole('button', { name: 'Exit lesson', exact: true }).click();
  await expectList(page, [['build-runner', 'stopped'], ['db-01', 'paused'], ['web-01', 'paused']]);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vm-playground:vm:web-01')).state);
  assert.equal(stored, 'paused');
  // The host too, which a lesson's tab takes in from no other tab while it runs.
  await eventually(async () =>
    assert.deepEqual(
      await page.evaluate(() => {
        const host = vmPlayground.getHostInfo();
        return [host.memory.total, host.cpus.total, host.storage.total];
      }),
      [65536, 32, 2000],
    ),
  );
});

e2e("Undo inside a lesson undoes the lesson's operations only; after exit it undoes the student's own", async ({ page, url }) => {
  const undoButton = page.getByRole('button', { name: 'Undo', exact: true });
  await openList(page, url);
  // Before the lesson, the student deletes one of their VMs.
  await action(page, 'Delete', 'build-runner').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'build-runner').waitFor({ state: 'detached' });
  await eventually(async () => assert.equal(await undoButton.getAttribute('title'), 'Undo: delete build-runner'));

  // In the lesson, the history is the lesson's own: nothing to undo yet.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await lessonsRegion(page).getByRole('button', { name: 'Start lesson: Clones: a new VM from a template', exact: true }).click();
  await expectList(page, [['db-01', 'running'], ['web-01', 'running'], ['web-tpl', 'stopped']]);
  assert.equal(await undoButton.isDisabled(), true);
  const none = { cloned: 'false', 'own-disk': 'false', running: 'false', template: 'true', 'no-loss': 'true' };
  await expectGoals(page, none);
  await type(page, 'virt-clone --original web-tpl --name web-02 --auto-clone');
  await expectGoals(page, { ...none, cloned: 'true', 'own-disk': 'true' });

  // Undo takes the clone back, and the goals follow; the student's delete is not in reach.
  await eventually(async () => assert.equal(await undoButton.getAttribute('title'), 'Undo: clone web-tpl'));
  await undoButton.click();
  await expectList(page, [['db-01', 'running'], ['web-01', 'running'], ['web-tpl', 'stopped']]);
  await expectGoals(page, none);
  assert.equal(await undoButton.isDisabled(), true);

  // After the lesson, Undo brings back the student's deleted VM, and no lesson VM.
  await lessonsRegion(page).getByRole('button', { name: 'Exit lesson', exact: true }).click();
  await expectList(page, DEMO.filter(([name]) => name !== 'build-runner'));
  await eventually(async () => assert.equal(await undoButton.getAttribute('title'), 'Undo: delete build-runner'));
  await undoButton.click();
  await expectList(page, DEMO);
  assert.equal(await undoButton.isDisabled(), true);
});

e2e("a lesson's setup stays the lesson's: no host resize, Import and Reset say to exit first, and a share link waits for the exit", async ({ page, url }) => {
  await openList(page, url);
  // A share link of the demo and one VM more, read from the Share dialog.
  await page.evaluate(() => vmPlayground.defineVm({ name: 'shared-01' }));
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const shareDialog = page.getByRole('dialog', { name: 'Share this setup' });
  const link = await shareDialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');
  await page.evaluate(() => vmPlayground.deleteVm('shared-01'));
  await expectList(page, DEMO);

  await page.evaluate(() => {
    location.hash = '#lesson=host-limits';
  });
  await page.locator('[data-lesson-playing="host-limits"]').waitFor();
  const setup = [['batch-01', 'running'], ['big-01', 'stopped'], ['db-01', 'running'], ['test-01', 'paused']];
  await expectList(page, setup);
  const refused = await page.evaluate(() => {
    try {
      vmPlayground.setHost({ memory: 65536 });
      return 'resized';
    } catch (error) {
      return `${error.code}: ${error.message}`;
    }
  });
  assert.equal(refused, "InvalidTransition: the host is the lesson's while it runs: exit the lesson to resize it");
  assert.equal(await page.evaluate(() => vmPlayground.getHostInfo().memory.total), 8192);

  const alerts = page.locator('[data-alert="import"]');
  await page.getByRole('button', { name: 'Reset to demo', exact: true }).click();
  await expectText(alerts, "A lesson is running, and the VMs on the page are the lesson's: exit the lesson to import or reset yours.");
  assert.equal(await page.getByRole('dialog').count(), 0);

  await page.evaluate((href) => {
    location.hash = new URL(href).hash;
  }, link);
  await expectText(alerts, 'This link holds a shared setup. It opens when you exit the lesson');
  await expectList(page, setup);
  assert.ok((await page.evaluate(() => location.hash)).startsWith('#share='), 'the link waits in the address');

  // A reload while the link waits: the lesson starts again, and the link still waits (its
  // question used to show before the lesson was back, and Replace was then refused).
  await page.reload();
  await page.locator('[data-lesson-playing="host-limits"]').waitFor();
  await expectText(alerts, 'This link holds a shared setup. It opens when you exit the lesson');
  await expectList(page, setup);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no question while the lesson runs');
  assert.ok((await page.evaluate(() => location.hash)).startsWith('#share='), 'the link still waits');

  // Exit: the student's VMs are back, and the link asks now.
  await lessonsRegion(page).getByRole('button', { name: 'Exit lesson', exact: true }).click();
  const question = page.getByRole('dialog', { name: 'Open shared setup?' });
  await question.getByRole('button', { name: 'Merge', exact: true }).click();
  await expectList(page, [...DEMO, ['shared-01', 'stopped']].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
});

e2e('a share link followed in a tab with no lesson opens its question while another tab plays a lesson', async ({ page, context, url }) => {
  await openList(page, url);
  const other = await context.newPage();
  await openList(other, url);
  await page.evaluate(() => vmPlayground.defineVm({ name: 'shared-01' }));
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByRole('dialog', { name: 'Share this setup' }).getByRole('textbox', { name: 'Share link' }).inputValue();
  await page.keyboard.press('Escape');
  // The other tab's lesson is in the stored progress, which this tab shares: it is not this
  // tab's lesson.
  await other.evaluate(() => {
    location.hash = '#lesson=host-limits';
  });
  await other.locator('[data-lesson-playing="host-limits"]').waitFor();
  await page.evaluate((href) => {
    location.hash = new URL(href).hash;
  }, link);
  await page.getByRole('dialog', { name: 'Open shared setup?' }).waitFor();
  assert.equal(await page.locator('[data-alert="import"]').count(), 0);
});

e2e("the Lessons panel's code is not in the first download: its chunk is fetched when the panel first opens", async ({ page, url }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  await openList(page, url);
  // The page is in use: a VM started from its row.
  await action(page, 'Start', 'build-runner').click();
  await expectState(page, 'build-runner', 'running');
  assert.equal(fetched.filter(isLessonsChunk).length, 0, 'no lessons chunk before the panel opens');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await lessonsRegion(page).getByRole('button', { name: 'Start lesson: First steps: the lifecycle', exact: true }).waitFor();
  assert.equal(fetched.filter(isLessonsChunk).length, 1, 'the lessons chunk, once');
  // Closed and opened again: the list is there, nothing fetched again.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await lessonsRegion(page).getByRole('button', { name: 'Start lesson: First steps: the lifecycle', exact: true }).waitFor();
  assert.equal(fetched.filter(isLessonsChunk).length, 1);
});
