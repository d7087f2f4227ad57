// Helpers shared by the app's end-to-end tests (app-*.test.mjs): locators that follow the
// automation contract (README, issue 4), and polling assertions. Nothing here sleeps for a fixed
// time: every wait polls a condition until it holds or a deadline passes.
import assert from 'node:assert/strict';
import { openApp } from './harness.mjs';

/** The demo set a first visit starts with, sorted by name as the list shows it. */
export const DEMO = [
  ['build-runner', 'stopped'],
  ['db-01', 'paused'],
  ['web-01', 'running'],
];

/** The create form's fields, by their exact labels, and the defaults it starts with. */
export const DEFAULTS = {
  Name: '',
  'Memory (MB)': '1024',
  vCPUs: '1',
  'Disk path': '',
  'Disk size (GB)': '10',
  'ISO image': '',
  Network: 'default',
};
export const LABELS = Object.keys(DEFAULTS);

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Retries `check` (which throws or rejects when its condition does not hold yet) until it
 * passes, or rethrows its last error after `timeout` ms: Playwright's `expect(...).toPass()`.
 */
export async function eventually(check, { timeout = 5000, interval = 20 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Waits until `condition()` is truthy; fails with `message` otherwise. */
export async function waitFor(condition, message = 'condition', options = {}) {
  await eventually(async () => assert.ok(await condition(), `timed out waiting for: ${message}`), options);
}

/** A VM's stored record (format v1), as the app writes it under `vm-playground:vm:<name>`. */
export const record = (name, state = 'running', extra = {}) =>
  JSON.stringify({
    config: { name, memory: 1024, vcpus: 1, diskPath: '', diskSize: 10, isoImage: null, network: 'default', ...extra },
    state,
    pending: null,
    createdAt: 1795672800000,
    stateChangedAt: 1795672800000,
    revision: 1,
  });

/** Seeds localStorage before the app's first load in this context (only once). */
export async function seed(context, entries) {
  await context.addInitScript((data) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.clear();
      for (const [key, value] of Object.entries(data)) localStorage.setItem(key, value);
    }
  }, entries);
}

/** Opens the app and waits for the list to be rendered (the demo has rows). */
export async function openList(page, url) {
  await openApp(page, url);
  await page.locator('[data-vm]').first().waitFor();
}

/** A VM's row, by the contract's `data-vm`. */
export const row = (page, name) => page.locator(`[data-vm="${name.replace(/["\\]/g, '\\$&')}"]`);

/** A row's action button, by the contract: its accessible name begins with the verb and the VM. */
export const action = (page, verb, name) =>
  row(page, name).getByRole('button', { name: new RegExp(`^${verb} ${escapeRegExp(name)}(\\s|$)`) });

/** The create form, by its accessible name. */
export const createForm = (page) => page.getByRole('form', { name: 'Create VM', exact: true });

/** The open edit form: a form whose accessible name starts with "Edit". */
export const editForm = (page) => page.getByRole('form', { name: /^Edit / });

/** A field of a form, by its exact label. */
export const field = (form, label) => form.getByLabel(label, { exact: true });

/** The current value of every field of a form, by label. */
export async function formValues(form) {
  const values = {};
  for (const label of LABELS) values[label] = await field(form, label).inputValue();
  return values;
}

/** Fills the fields given by label (`Network` is a select). */
export async function fillForm(form, values) {
  for (const [label, value] of Object.entries(values)) {
    if (label === 'Network') await field(form, label).selectOption(value);
    else await field(form, label).fill(value);
  }
}

/** Every VM in the list, in order, as [name, state]. */
export const listed = (page) =>
  page.locator('[data-vm]').evaluateAll((rows) => rows.map((row) => [row.dataset.vm, row.dataset.state]));

/** Waits until the list shows exactly `expected` ([name, state] pairs, in order). */
export async function expectList(page, expected) {
  await eventually(async () => assert.deepEqual(await listed(page), expected));
}

/** Waits until the row of `name` has `data-state="state"`. */
export async function expectState(page, name, state) {
  await eventually(async () => assert.equal(await row(page, name).getAttribute('data-state', { timeout: 1000 }), state));
}

/** The text of the elements an element's `aria-describedby` points at, joined by spaces. */
export const describedBy = (locator) =>
  locator.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `<missing #${id}>`)
      .join(' '),
  );

/** Waits until the field is marked invalid and its description includes `message`. */
export async function expectInvalid(input, message) {
  await eventually(async () => {
    assert.equal(await input.getAttribute('aria-invalid'), 'true', 'aria-invalid');
    const description = await describedBy(input);
    assert.ok(description.includes(message), `expected the description to include ${JSON.stringify(message)}, got ${JSON.stringify(description)}`);
  });
}

/** Waits until the field is not marked invalid and no error message describes it. */
export async function expectValid(input) {
  await eventually(async () => {
    assert.equal(await input.getAttribute('aria-invalid'), null, 'aria-invalid');
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    for (const id of ids) {
      const isError = await input.page().locator(`[id="${id}"]`).evaluate((element, selector) => element.matches(selector), FIELD_ERROR);
      assert.ok(!isError, `still described by the error #${id}`);
    }
  });
}

/** Waits until `locator`'s text content includes `text` (or matches a RegExp). */
export async function expectText(locator, text) {
  await eventually(async () => {
    const content = await locator.textContent({ timeout: 1000 });
    if (text instanceof RegExp) assert.match(content, text);
    else assert.ok(content.includes(text), `expected ${JSON.stringify(content)} to include ${JSON.stringify(text)}`);
  });
}

// Parts of the page the automation contract doesn't name: located by class, here only, so that a
// change of markup is one edit.

/** The summary line above the list. */
export const summary = (page) => page.locator('.summary');

/** The "Showing X of Y" line under the filters. */
export const shownCount = (page) => page.locator('.shown-count');

/** The empty-list or no-match message. */
export const emptyState = (page) => page.locator('.empty');

/** A row's state badge (a word, not only a colour). */
export const badge = (page, name) => row(page, name).locator('.badge');

/** A row's action buttons (Start … Delete), in order. */
export const actionButtons = (page, name) => row(page, name).locator('.actions button');

/** The refusal shown beside a VM, in its row. */
export const rowError = (page, name) => row(page, name).locator('.row-error');

/** A row's "Changes pending — applied at next stop" notice. */
export const pendingNotice = (page, name) => row(page, name).locator('.pending');

/** A field's error message elements inside `scope`. */
const FIELD_ERROR = '.field-error';
export const fieldErrors = (scope) => scope.locator(FIELD_ERROR);

/**
 * What a row shows for one of its specs: `spec(page, 'web-01', 'Memory')` → "2 GB". The row
 * shows them on one line: "Memory 2 GB · vCPUs 2 · Disk 20 GB · Network default · ISO none".
 */
export const spec = (page, name, term) =>
  row(page, name)
    .locator('.specs')
    .evaluate((element, wanted) => {
      for (const part of element.textContent.split(' · ')) {
        if (part.startsWith(`${wanted} `)) return part.slice(wanted.length + 1).trim();
      }
      return null;
    }, term);

/** Waits until a row shows `value` for the spec `term`. */
export async function expectSpec(page, name, term, value) {
  await eventually(async () => assert.equal(await spec(page, name, term), value, `${name}'s ${term}`));
}

/** Whether the element is the focused one. */
export const isFocused = (locator) => locator.evaluate((element) => element === document.activeElement);

/** Waits until `locator` has focus. */
export async function expectFocused(locator, what = 'element') {
  await waitFor(() => isFocused(locator), `${what} to have focus`);
}

/**
 * What sticks out sideways, described for the assertion message: the page itself if it
 * scrolls sideways, every element whose box reaches past the viewport's edges, and every
 * element whose content is wider than its box. The page's scroll width alone is not enough:
 * the list's chunks contain their paint (`content-visibility`), so a row wider than the
 * screen is clipped there and the page doesn't scroll.
 */
export const sidewaysOverflow = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px in ${width} px)`);
    }
    const describe = (element) =>
      `<${element.localName} class="${element.className}"> "${element.getAttribute('aria-label') ?? element.textContent.trim().slice(0, 40)}"`;
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest('.visually-hidden')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        found.push(`${describe(element)} spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
      // Text wider than its box: it sticks out, or its box (a dialog, the event log) scrolls
      // sideways. Form fields scroll their own text, as they should.
      if (!['input', 'select', 'textarea'].includes(element.localName) && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${describe(element)} holds ${element.scrollWidth} px in ${element.clientWidth} px`);
      }
    }
    return found.slice(0, 5);
  });

/**
 * Fills localStorage's quota from the page, as another app on the same origin might: big values
 * until one is refused, then ever smaller ones until not a character fits. Returns the names of
 * the errors the refusals threw; `filler-*` keys hold the values (remove them to make room).
 */
export const fillQuota = (page) =>
  page.evaluate(() => {
    const names = new Set();
    let count = 0;
    for (let size = 256 * 1024; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler-${count}`, 'x'.repeat(size));
          count += 1;
        } catch (error) {
          names.add(error.name);
          break;
        }
      }
    }
    return [...names];
  });
