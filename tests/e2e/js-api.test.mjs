// The JavaScript API on the page: window.vmPlayground drives the page's own VMs (the UI
// follows and the change is saved); window.MockVmManager makes independent managers.
import assert from 'node:assert/strict';
import { e2eSuite, openApp } from './harness.mjs';

const e2e = e2eSuite();

async function openWithApi(page, url) {
  await openApp(page, url);
  await page.waitForFunction(() => window.vmPlayground && window.MockVmManager);
}

const row = (page, name) => page.locator(`[data-vm="${name}"]`);

async function waitForState(page, name, state) {
  await page.waitForFunction(
    ([vm, expected]) => document.querySelector(`[data-vm="${vm}"]`)?.dataset.state === expected,
    [name, state],
  );
}

e2e('the console shows a one-line hint on load', async ({ page, url }) => {
  const hint = page.waitForEvent('console', (message) => message.text().includes('try vmPlayground.listVms()'));
  await openWithApi(page, url);
  const message = await hint;
  assert.equal(message.text().split('\n').length, 1);
});

e2e('vmPlayground calls update the page at once and survive a reload', async ({ page, url }) => {
  await openWithApi(page, url);
  assert.deepEqual(await page.evaluate(() => vmPlayground.listVms()), ['build-runner', 'db-01', 'web-01']);

  await page.evaluate(() => vmPlayground.createVm({ name: 'api-vm', memory: 512, vcpus: 2 }));
  await waitForState(page, 'api-vm', 'running');
  await page.evaluate(() => vmPlayground.pauseVm('api-vm'));
  await waitForState(page, 'api-vm', 'paused');
  await page.evaluate(() => vmPlayground.stopVm('web-01'));
  await waitForState(page, 'web-01', 'stopped');
  assert.equal(
    await page.evaluate(() => vmPlayground.updateVmConfig('api-vm', { name: 'api-vm', memory: 1024, vcpus: 2 })),
    'pending',
  );
  await row(page, 'api-vm').getByText('Changes pending — applied at next stop').waitFor();
  await page.evaluate(() => vmPlayground.deleteVm('db-01'));
  await row(page, 'db-01').waitFor({ state: 'detached' });

  await page.reload();
  await openWithApi(page, url);
  await waitForState(page, 'api-vm', 'paused');
  await waitForState(page, 'web-01', 'stopped');
  assert.equal(await row(page, 'db-01').count(), 0);
  const info = await page.evaluate(() => vmPlayground.getVmInfo('api-vm'));
  assert.equal(info.config.memory, 512);
  assert.equal(info.pending.memory, 1024);
  assert.equal(info.state, 'paused');
});

e2e('a refused call throws a coded Error and changes nothing on the page', async ({ page, url }) => {
  await openWithApi(page, url);
  const error = await page.evaluate(() => {
    try {
      vmPlayground.startVm('web-01');
      return null;
    } catch (e) {
      return { message: e.message, code: e.code, isError: e instanceof Error };
    }
  });
  assert.deepEqual(error, { message: "cannot start 'web-01': it is already running", code: 'InvalidTransition', isError: true });
  assert.equal(await row(page, 'web-01').getAttribute('data-state'), 'running');

  const invalid = await page.evaluate(() => {
    try {
      vmPlayground.createVm({ name: 'x', memory: '1024' });
      return null;
    } catch (e) {
      return { code: e.code, field: e.field, message: e.message };
    }
  });
  assert.deepEqual(invalid, { code: 'InvalidConfig', field: 'memory', message: 'memory must be a whole number, got the string "1024"' });
  assert.equal(await row(page, 'x').count(), 0);
  assert.deepEqual(await page.evaluate(() => vmPlayground.listVms()), ['build-runner', 'db-01', 'web-01']);
});

e2e('an argument whose reading throws is refused with a coded error, however often, and changes nothing', async ({ page, url }) => {
  await openWithApi(page, url);
  const seen = await page.evaluate(() => {
    const keysThrow = new Proxy({ name: 'x' }, { ownKeys() { throw new Error('ownKeys'); } });
    const getterThrows = { name: 'g', get memory() { throw new Error('getter'); } };
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const refusals = new Set();
    const refused = (call) => {
      try {
        call();
        refusals.add('not refused');
      } catch (e) {
        refusals.add(`${e.code} ${e.field ?? ''} ${/threw an error when read/.test(e.message)}`);
      }
    };
    // Each throw through the wasm's frames used to leak a little of its stack: a few thousand
    // broke the module for good.
    for (let i = 0; i < 3000; i += 1) {
      refused(() => vmPlayground.createVm(keysThrow));
      refused(() => vmPlayground.createVm(getterThrows));
      refused(() => vmPlayground.createVm(revoked));
    }
    const host = vmPlayground.getHostInfo().memory.total;
    refused(() => vmPlayground.setHost({ get memory() { throw new Error('host'); } }));
    // One value per character or element: refused by its length before it is listed.
    refused(() => vmPlayground.startVm(new String('x'.repeat(1e6))));
    refused(() => vmPlayground.createVm({ name: 'big', memory: new Uint8Array(1e6) }));
    vmPlayground.createVm({ name: 'after', memory: 64 });
    return {
      refusals: [...refusals].sort(),
      hostKept: vmPlayground.getHostInfo().memory.total === host,
      vms: vmPlayground.listVms(),
    };
  });
  assert.deepEqual(seen, {
    refusals: ['InvalidConfig  true', 'InvalidConfig memory false', 'InvalidConfig memory true', 'InvalidConfig name false'],
    hostKept: true,
    vms: ['after', 'build-runner', 'db-01', 'web-01'],
  });
  await row(page, 'after').waitFor();
});

e2e('half of a character (a lone surrogate) is refused, not turned into U+FFFD; U+FFFD itself is text', async ({ page, url }) => {
  await openWithApi(page, url);
  const seen = await page.evaluate(() => {
    const refusal = (call) => {
      try {
        call();
        return 'not refused';
      } catch (e) {
        return `${e.code} ${e.field} ${e.message.includes('lone UTF-16 surrogate')}`;
      }
    };
    return {
      path: refusal(() => vmPlayground.createVm({ name: 'half', diskPath: '/x\uD800.qcow2' })),
      name: refusal(() => vmPlayground.createVm({ name: 'half\uDC00' })),
      description: refusal(() => vmPlayground.createSnapshot('web-01', 's', 'a\uD800')),
      replacement: (vmPlayground.defineVm({ name: 'whole', diskPath: '/x\uFFFD.qcow2' }), vmPlayground.getVmInfo('whole').config.diskPath),
    };
  });
  assert.deepEqual(seen, {
    path: 'InvalidConfig diskPath true',
    name: 'InvalidConfig name true',
    description: 'InvalidConfig description true',
    replacement: '/x\uFFFD.qcow2',
  });
});

e2e('new MockVmManager() is independent of the page', async ({ page, url }) => {
  await openWithApi(page, url);
  const result = await page.evaluate(() => {
    const manager = new MockVmManager();
    manager.createVm({ name: 'my-vm', memory: 1024, vcpus: 2, diskPath: '/mock/path/disk.qcow2', diskSize: 10, network: 'default' });
    const listed = manager.listVms();
    manager.stopVm('my-vm');
    manager.startVm('my-vm');
    manager.stopVm('my-vm');
    manager.deleteVm('my-vm');
    manager.close();
    let closed = null;
    try {
      manager.listVms();
    } catch (e) {
      closed = e.code;
    }
    return { listed, closed, page: vmPlayground.listVms(), same: vmPlayground instanceof MockVmManager };
  });
  assert.deepEqual(result, { listed: ['my-vm'], closed: 'Closed', page: ['build-runner', 'db-01', 'web-01'], same: true });
  assert.equal(await row(page, 'my-vm').count(), 0);
});

e2e('vm-playground.d.ts is served and declares every method of the class', async ({ page, url }) => {
  await openWithApi(page, url);
  const response = await page.request.get(`${url}vm-playground.d.ts`);
  assert.equal(response.status(), 200);
  const types = await response.text();
  const methods = await page.evaluate(() =>
    Object.getOwnPropertyNames(MockVmManager.prototype).filter((name) => name !== 'constructor' && !name.startsWith('__')),
  );
  assert.ok(methods.length >= 14, methods.join(', '));
  for (const method of methods) {
    assert.match(types, new RegExp(`\\n  ${method}\\(`), `the .d.ts declares ${method}`);
  }
});
