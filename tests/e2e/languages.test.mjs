// Russian and English: how the language is chosen (?lang=, the last choice, the browser's
// languages), switching live without losing what is on the page, and the automation contract
// in both languages (the same data-* attributes, accessible names in the page's language).
import assert from 'node:assert/strict';
import { e2eSuite } from './harness.mjs';
import { createForm, expectState, expectText, field, openList, row, rowError, summary, waitFor } from './app-helpers.mjs';

const e2e = e2eSuite();

const languageMenu = (page, name = /^(Language|Язык)$/) => page.getByRole('combobox', { name });
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

e2e('an English browser opens in English, with the language menu named "Language"', async ({ page, url }) => {
  await openList(page, url);
  assert.equal(await htmlLang(page), 'en');
  const menu = languageMenu(page, 'Language');
  assert.equal(await menu.inputValue(), 'en');
  const options = await menu.locator('option').allTextContents();
  assert.deepEqual(options, ['English', 'Русский']);
  assert.equal(await page.title(), 'VM Playground');
});

e2e('a Russian browser opens in Russian', async ({ page, url }) => {
  await openList(page, url);
  assert.equal(await htmlLang(page), 'ru');
  assert.equal(await languageMenu(page, 'Язык').inputValue(), 'ru');
  await page.getByRole('heading', { name: 'Виртуальные машины' }).waitFor();
  await expectText(summary(page), '3 ВМ: работают — 1, приостановлены — 1, остановлены — 1.');
  // The contract: the same data attributes, accessible names in Russian.
  await row(page, 'web-01').getByRole('button', { name: 'Остановить web-01', exact: true }).click();
  await expectState(page, 'web-01', 'stopped');
  await page.getByRole('form', { name: 'Создание ВМ', exact: true }).waitFor();
}, { context: { locale: 'ru-RU' } });

e2e('?lang=ru opens in Russian in an English browser, is remembered, and ?lang=en wins over it', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  assert.equal(await htmlLang(page), 'ru');
  // Reloaded without the parameter: the choice was remembered.
  await openList(page, url);
  assert.equal(await htmlLang(page), 'ru');
  await openList(page, `${url}?lang=en`);
  assert.equal(await htmlLang(page), 'en');
  await openList(page, url);
  assert.equal(await htmlLang(page), 'en');
});

e2e('switching the language is instant and keeps the form, the selection and the console', async ({ page, url }) => {
  await openList(page, url);
  const form = createForm(page);
  await field(form, 'Name').fill('half-typed');
  await row(page, 'db-01').getByRole('button', { name: 'Show details of db-01' }).click();
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('list --all');
  await command.press('Enter');
  await command.fill('dominfo web');

  await languageMenu(page).selectOption('ru');
  // The first switch to Russian waits for its words (a file the page fetches: README, "Size").
  await waitFor(async () => (await htmlLang(page)) === 'ru', 'the page to be in Russian');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'ru');
  assert.equal(await page.title(), 'VM Playground');
  const russianForm = page.getByRole('form', { name: 'Создание ВМ', exact: true });
  assert.equal(await russianForm.getByLabel('Имя', { exact: true }).inputValue(), 'half-typed');
  assert.equal(await row(page, 'db-01').getAttribute('aria-current'), 'true');
  await page.getByRole('group', { name: 'Жизненный цикл db-01' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Команда' }).inputValue(), 'dominfo web');
  assert.match(await page.getByRole('log', { name: 'Вывод консоли' }).textContent(), /virsh # list --all/);
  // User data stays as typed, and says so to translators.
  assert.equal(await row(page, 'db-01').getAttribute('data-state'), 'paused');
  await expectText(row(page, 'db-01').locator('.badge'), 'Приостановлена');

  // And back, after a reload: the choice is kept.
  await page.reload();
  await page.locator('main.app').waitFor();
  assert.equal(await htmlLang(page), 'ru');
  await languageMenu(page).selectOption('en');
  await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
});

e2e('Russian counts follow Russian plural rules', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  await expectText(summary(page), 'Работающие ВМ занимают 2\u00a0ГБ и 2 vCPU.');
  for (const name of ['a-1', 'a-2']) {
    await page.evaluate((name) => vmPlayground.createVm({ name, memory: 512 }), name);
  }
  await waitFor(async () => (await summary(page).textContent()).startsWith('5 ВМ:'), '5 ВМ');
});

/**
 * Every word the page shows (text, accessible names, tooltips, placeholders) outside user data
 * and command syntax (`translate="no"`, `<code>`), as words of Latin letters: what an English
 * leftover on a Russian page would be.
 */
async function latinWords(page) {
  return page.evaluate(() => {
    // An element in another language on purpose (the language menu's "English") is skipped too.
    const skip = (element) =>
      element.closest('[translate="no"], code, script, style, noscript, [lang]:not([lang="ru"]):not(html)');
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skip(parent) || parent.closest('[hidden]')) continue;
      texts.push(node.textContent);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    texts.push(document.title);
    return texts.join(' ');
  });
}

// Names, paths and networks of the demo (user data inside accessible names, which can't be
// marked), the product's name, and words Russian docs write as they are.
const ALLOWED = new Set([
  'web', 'db', 'build', 'runner', 'VM', 'Playground', 'ISO', 'vCPU', 'virsh', 'JS', 'API', 'CD',
  'Tab', 'Ctrl', 'lab', 'images', 'isos', 'debian', 'qcow', 'iso', 'start', 'stop', 'pause', 'resume',
  // virsh's command words, which the diagram and the buttons show beside the friendly ones.
  'shutdown', 'suspend', 'destroy', 'reboot', 'undefine',
  // The event log's operation words, which Undo's and Redo's tooltips use (README, "Languages").
  'update', 'delete', 'create',
]);

e2e('the Russian page has no English words outside user data and command syntax', async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  const check = async (where) => {
    const words = (await latinWords(page)).match(/[A-Za-z]{2,}/g) ?? [];
    const english = [...new Set(words.filter((word) => !ALLOWED.has(word)))];
    assert.deepEqual(english, [], `English words on the Russian page (${where})`);
  };
  await check('the list');
  await row(page, 'db-01').getByRole('button', { name: 'Подробнее о db-01' }).click();
  await page.getByRole('group', { name: 'Жизненный цикл db-01' }).waitFor();
  await check('details of a paused VM');
  await row(page, 'web-01').getByRole('button', { name: 'Изменить web-01' }).click();
  await page.getByRole('form', { name: 'Изменить web-01' }).waitFor();
  await check('the edit dialog');
  await page.keyboard.press('Escape');
  await row(page, 'web-01').getByRole('button', { name: 'Удалить web-01' }).click();
  await page.getByRole('dialog', { name: 'Удалить web-01?' }).waitFor();
  await check('the delete dialog');
  await page.keyboard.press('Escape');
  const form = page.getByRole('form', { name: 'Создание ВМ', exact: true });
  await form.getByLabel('Память (МБ)', { exact: true }).fill('много');
  await form.getByRole('button', { name: 'Создать', exact: true }).click();
  await page.locator('.field-error').first().waitFor();
  await check('a refused create');
  // A refusal shown beside its VM, a pending change that won't fit the host, a refused host size.
  await page.evaluate(() => {
    const { config } = vmPlayground.getVmInfo('web-01');
    vmPlayground.updateVmConfig('web-01', { ...config, memory: 65536 });
    // After it: a success clears the refusal shown beside the VM.
    try { vmPlayground.startVm('web-01'); } catch {}
  });
  await rowError(page, 'web-01').waitFor();
  await row(page, 'web-01').getByRole('button', { name: 'Подробнее о web-01' }).click();
  await page.getByRole('status').filter({ hasText: 'ВМ не запустится снова после остановки' }).waitFor();
  const host = page.getByRole('region', { name: 'Хост', exact: true });
  await host.getByLabel('Память, МБ', { exact: true }).fill('1');
  await host.getByRole('button', { name: 'Применить', exact: true }).click();
  await host.locator('.error').waitFor();
  await check('refusals beside a VM, in its details and in the host panel');
});

e2e('a refusal shown on the page is reworded when the language is switched', async ({ page, url }) => {
  await openList(page, url);
  await page.evaluate(() => {
    try { vmPlayground.startVm('web-01'); } catch {}
  });
  await expectText(rowError(page, 'web-01'), "cannot start 'web-01': it is already running");
  const host = page.getByRole('region', { name: 'Host', exact: true });
  await host.getByLabel('Memory, MB', { exact: true }).fill('lots');
  await host.getByRole('button', { name: 'Apply', exact: true }).click();
  await expectText(host.locator('.error'), 'Memory, MB: enter a whole number, or leave it empty for unlimited.');

  await languageMenu(page).selectOption('ru');
  await waitFor(async () => (await htmlLang(page)) === 'ru', 'the page to be in Russian');
  await expectText(rowError(page, 'web-01'), /«web-01».*она уже работает/);
  const russianHost = page.getByRole('region', { name: 'Хост', exact: true });
  await expectText(russianHost.locator('.error'), /^Память, МБ: /);
});

e2e("the Russian console speaks libvirt's Russian: its errors, help and notes; commands stay syntax", async ({ page, url }) => {
  await openList(page, `${url}?lang=ru`);
  const command = page.getByRole('textbox', { name: 'Команда', exact: true });
  const output = page.getByRole('log', { name: 'Вывод консоли' });
  const type = async (line) => {
    await command.fill(line);
    await command.press('Enter');
  };
  // web-01 runs: virsh's own check, in libvirt's Russian.
  await type('start web-01');
  await expectText(output.locator('.line.error').last(), 'ошибка: Домен уже активен');
  // A success line libvirt leaves in English stays so.
  await type('suspend web-01');
  await expectText(output.locator('.line').last(), "Domain 'web-01' suspended");
  await type('help');
  await expectText(output, 'Группы команд:');
  await expectText(output, ' Domain Management (ключевое слово «domain»):');
  await expectText(output, 'запустить неактивный домен (определение должно быть создано заранее)');
  // Switched live, the next command answers in English; what was printed stays.
  await languageMenu(page).selectOption('en');
  await page.getByRole('textbox', { name: 'Command', exact: true }).fill('start web-01');
  await page.getByRole('textbox', { name: 'Command', exact: true }).press('Enter');
  const english = page.getByRole('log', { name: 'Console output' });
  await expectText(english.locator('.line.error').last(), 'error: Domain is already active');
  await expectText(english, 'ошибка: Домен уже активен');
});

e2e('in Russian every state word of the lifecycle diagram fits its node', async ({ page, url }) => {
  await page.goto(`${url}?lang=ru`);
  await page.locator('[data-vm="web-01"] button[data-action="details"]').click();
  await page.locator('.lc-node').first().waitFor();
  const nodes = await page.evaluate(() =>
    [...document.querySelectorAll('.lc-node')].map((node) => {
      const word = node.querySelector('text');
      return [word.textContent, word.getBBox().width, node.querySelector('rect').getBBox().width];
    }),
  );
  assert.equal(nodes.length, 3);
  for (const [word, width, room] of nodes) assert.ok(width <= room - 8, `${word}: ${width} px in a node of ${room} px`);
});
