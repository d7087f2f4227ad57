// The lifecycle: every legal transition from the right state, the illegal ones disabled with a
// reason, the summary line, and a refused action's alert.
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import {
  DEMO,
  action,
  actionButtons,
  badge,
  eventually,
  expectList,
  expectState,
  expectText,
  openList,
  pendingNotice,
  row,
  summary,
} from './app-helpers.mjs';

const e2e = e2eSuite();

const VERBS = ['Start', 'Stop', 'Pause', 'Resume'];

/** For each state: the transitions allowed, and the title of each disabled one (with "NAME"). */
const RULES = {
  running: {
    Start: "Can't start NAME: already running",
    Stop: null,
    Pause: null,
    Resume: "Can't resume NAME: not paused",
  },
  paused: {
    Start: "Can't start NAME: paused: resume it instead",
    Stop: null,
    Pause: "Can't pause NAME: already paused",
    Resume: null,
  },
  stopped: {
    Start: null,
    Stop: "Can't stop NAME: not running",
    Pause: "Can't pause NAME: not running",
    Resume: "Can't resume NAME: not running",
  },
};

/** Checks every transition button of `name` against the rules of `state`. */
async function expectButtons(page, name, state) {
  await eventually(async () => {
    for (const verb of VERBS) {
      const button = action(page, verb, name);
      const reason = RULES[state][verb]?.replace('NAME', name);
      assert.equal(await button.evaluate((element) => element.tagName), 'BUTTON');
      if (reason) {
        assert.equal(await button.evaluate((element) => element.disabled), true, `${verb} ${name} disabled when ${state}`);
        assert.equal(await button.getAttribute('title'), reason, `${verb} ${name}'s reason`);
      } else {
        assert.equal(await button.isEnabled(), true, `${verb} ${name} enabled when ${state}`);
        assert.equal(await button.getAttribute('title'), null, `${verb} ${name} has no refusal title`);
      }
    }
    // Edit and Delete work in every state.
    assert.equal(await action(page, 'Edit', name).isEnabled(), true);
    assert.equal(await action(page, 'Delete', name).isEnabled(), true);
  });
}

/** Clicks `verb` on `name` and waits for the row to reach `state`. */
async function act(page, verb, name, state) {
  await action(page, verb, name).click();
  await expectState(page, name, state);
  await expectText(badge(page, name), state[0].toUpperCase() + state.slice(1));
  await expectButtons(page, name, state);
}

e2e('the demo rows carry data-vm and data-state, and each action button is named for its VM', async ({ page, url }) => {
  await openList(page, url);
  await expectList(page, DEMO);
  for (const [name, state] of DEMO) {
    const names = await row(page, name).getByRole('button').evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('aria-label') ?? button.textContent),
    );
    for (const verb of [...VERBS, 'Edit', 'Delete']) {
      assert.ok(names.includes(`${verb} ${name}`), `${name} has a "${verb} ${name}" button: ${names}`);
    }
    await expectButtons(page, name, state);
    // The badge says the state in words, not only in colour.
    await expectText(badge(page, name), state[0].toUpperCase() + state.slice(1));
  }
});

e2e('a running VM pauses, resumes, stops and starts again', async ({ page, url }) => {
  await openList(page, url);
  await act(page, 'Pause', 'web-01', 'paused');
  await act(page, 'Resume', 'web-01', 'running');
  await act(page, 'Stop', 'web-01', 'stopped');
  await act(page, 'Start', 'web-01', 'running');
  // The other VMs did not move.
  await expectList(page, DEMO);
});

e2e('a paused VM stops; a stopped VM starts, then pauses', async ({ page, url }) => {
  await openList(page, url);
  await act(page, 'Stop', 'db-01', 'stopped');
  await act(page, 'Start', 'build-runner', 'running');
  await act(page, 'Pause', 'build-runner', 'paused');
  await expectList(page, [['build-runner', 'paused'], ['db-01', 'stopped'], ['web-01', 'running']]);
});

e2e('the summary counts states and what running VMs hold, and follows every transition', async ({ page, url }) => {
  await openList(page, url);
  await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');
  await expectText(summary(page), 'Running VMs hold 2 GB and 2 vCPUs.');
  await action(page, 'Resume', 'db-01').click();
  await expectText(summary(page), '3 VMs: 2 running, 0 paused, 1 stopped. Running VMs hold 6 GB and 6 vCPUs.');
  await action(page, 'Start', 'build-runner').click();
  await expectText(summary(page), '3 VMs: 3 running, 0 paused, 0 stopped. Running VMs hold 7 GB and 7 vCPUs.');
  for (const name of ['build-runner', 'db-01', 'web-01']) await action(page, 'Stop', name).click();
  await expectText(summary(page), '3 VMs: 0 running, 0 paused, 3 stopped. Running VMs hold 0 MB and 0 vCPUs.');
  await action(page, 'Start', 'web-01').click();
  await expectText(summary(page), '3 VMs: 1 running, 0 paused, 2 stopped. Running VMs hold 2 GB and 2 vCPUs.');
});

e2e('a row with pending changes enables the same actions as any other row in its state', async ({ page, url }) => {
  await openList(page, url);
  // The pending-changes notice has a button of its own, before the row's actions.
  const actions = (name) =>
    actionButtons(page, name).evaluateAll((buttons, name) =>
      buttons.map((button) => `${button.dataset.action} ${button.disabled} ${(button.title || '').replaceAll(name, 'VM')}`), name);
  await page.evaluate(() => {
    const { config } = vmPlayground.getVmInfo('web-01');
    vmPlayground.updateVmConfig('web-01', { ...config, memory: config.memory * 2 });
  });
  await pendingNotice(page, 'web-01').waitFor();
  await action(page, 'Pause', 'web-01').click();
  await expectState(page, 'web-01', 'paused');
  assert.deepEqual(await actions('web-01'), await actions('db-01'));
  await action(page, 'Resume', 'web-01').click();
  await expectState(page, 'web-01', 'running');
  await action(page, 'Stop', 'web-01').click();
  await expectState(page, 'web-01', 'stopped');
  assert.deepEqual(await actions('web-01'), await actions('build-runner'));
});

e2e('disabled buttons do nothing when clicked', async ({ page, url }) => {
  await openList(page, url);
  // A forced click on a disabled button dispatches no click to the app.
  await action(page, 'Start', 'web-01').click({ force: true });
  await action(page, 'Resume', 'build-runner').click({ force: true });
  await expectList(page, DEMO);
  assert.equal(await page.getByRole('alert').count(), 0);
});

e2e('an action the core refuses shows its message in an alert beside the VM and changes nothing', async ({ page, url }) => {
  await openList(page, url);
  // A stale button, as when another script moved the VM: strip `disabled` and press it.
  const start = action(page, 'Start', 'web-01');
  await start.evaluate((button) => {
    button.disabled = false;
  });
  await start.click();
  const alert = row(page, 'web-01').getByRole('alert');
  await expectText(alert, "cannot start 'web-01': it is already running");
  await expectList(page, DEMO);
  await expectText(summary(page), '3 VMs: 1 running, 1 paused, 1 stopped.');
  // The next successful action on that VM clears the message.
  await action(page, 'Pause', 'web-01').click();
  await expectState(page, 'web-01', 'paused');
  await alert.waitFor({ state: 'detached' });
});

e2e('a tour of every flow logs no console error and no warning from the app', async ({ page, url, log }) => {
  await openList(page, url);
  const form = page.getByRole('form', { name: 'Create VM', exact: true });
  await form.getByLabel('Name', { exact: true }).fill('tour-01');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await expectState(page, 'tour-01', 'running');
  await form.getByRole('button', { name: 'Create', exact: true }).click(); // refused: empty name
  for (const [verb, state] of [['Pause', 'paused'], ['Resume', 'running'], ['Stop', 'stopped'], ['Start', 'running']]) {
    await action(page, verb, 'tour-01').click();
    await expectState(page, 'tour-01', state);
  }
  await action(page, 'Edit', 'tour-01').click();
  const edit = page.getByRole('form', { name: /^Edit / });
  await edit.getByLabel('Memory (MB)', { exact: true }).fill('2048');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await pendingNotice(page, 'tour-01').waitFor();
  await page.getByRole('button', { name: 'Show details of tour-01', exact: true }).click();
  await action(page, 'Stop', 'tour-01').click();
  await page.getByLabel('Filter by name', { exact: true }).fill('nothing');
  await page.getByRole('button', { name: 'Clear filters', exact: true }).click();
  await action(page, 'Delete', 'tour-01').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await row(page, 'tour-01').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Reset to demo', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await page.reload();
  await row(page, 'web-01').waitFor();
  await expectList(page, DEMO);
  const noisy = log.filter((line) => /^\[(error|warning|pageerror)\]/.test(line));
  assert.deepEqual(noisy, []);
});
