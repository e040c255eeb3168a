// `npm run demo:server` as a person meets it: the demo page on the server host (PGlite), the role switcher switching
// development tokens, and a PIN change from the dialog landing in the server's database.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/ensure-environment.mjs';
import { signInAs, waitForElement } from './demo-page.mjs';
import { freePort } from '../../scripts/postgres-cluster.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shell = 'demo-shell >>> ';
let demo;
let browser;
let page;
let url;
let hostUrl;

before(async () => {
  const port = await freePort();
  demo = spawn(process.execPath, ['scripts/demo-server.mjs'], {
    cwd: root,
    env: { ...process.env, MF_SERVER_HOST_PORT: String(port), MF_DEMO_DATA: 'memory://' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  demo.stdout.on('data', (chunk) => (output += chunk));
  demo.stderr.on('data', (chunk) => (output += chunk));
  await new Promise((resolve, reject) => {
    const check = setInterval(() => {
      // eslint-disable-next-line no-control-regex
      const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
      hostUrl = /Mobile Flow PIN host: (\S+)/.exec(plain)?.[1];
      url = /Local:\s+(http\S+)/.exec(plain)?.[1];
      if (hostUrl && url) (clearInterval(check), resolve());
    }, 100);
    demo.on('exit', (code) => (clearInterval(check), reject(new Error(`demo:server exited ${code}: ${output}`))));
  });
  browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
});

after(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    await new Promise((resolve) => (demo.on('exit', resolve), demo.kill('SIGTERM')));
  }
});

test('the demo runs on the server host: the administrator sees its users, and Anna changes her PIN code', async () => {
  await page.goto(`${url}#setup`);
  await waitForElement(page, `${shell}mf-user-setup-table >>> tr[data-user-id="ANNA"]`, { timeout: 60_000 });
  const tokens = await (await fetch(`${url}demo-server-host-tokens.json`)).json();
  const as = (who) => ({ headers: { Authorization: `Bearer ${tokens[who]}` } });
  const anna = await (await fetch(`${hostUrl}/session`, as('ANNA'))).json();
  assert.equal(anna.pinCodeStatus, 'notSet');

  // Switch to Anna: the page now acts with her token, on the server.
  await page.goto(`${url}#overview`);
  await waitForElement(page, `${shell}header select`);
  await signInAs(page, 'ANNA');
  const dialog = `${shell}mf-change-pin-dialog >>> `;
  await waitForElement(page, `${dialog}[part~="trigger"]`);
  await page.click(`${dialog}[part~="trigger"]`);
  // The form comes with the dialog's first opening.
  await waitForElement(page, `${dialog}input[name="newPinCode"]`, { visible: true });
  await page.type(`${dialog}input[name="newPinCode"]`, '739204');
  await page.type(`${dialog}input[name="confirmPinCode"]`, '739204');
  await page.keyboard.press('Enter');
  const message = await page.waitForFunction(
    () =>
      document
        .querySelector('demo-shell')
        .shadowRoot.querySelector('mf-change-pin-dialog')
        .shadowRoot.querySelector('[part~="message"]')
        ?.textContent.replace(/\s+/g, ' ')
        .trim()
        .match(/^Your PIN code was (?:changed|not changed).*/)?.[0],
    { timeout: 60_000 },
  );
  assert.match(
    await message.jsonValue(),
    /^Your PIN code was changed, and your Resource card R0010 has been updated\./,
  );
  // The new code is on the server: Anna's session says so, and a device accepts it.
  const after = await (await fetch(`${hostUrl}/session`, as('ANNA'))).json();
  assert.deepEqual([after.userId, after.pinCodeStatus], ['ANNA', 'set']);
  const checked = await fetch(`${hostUrl}/resources(${anna.resourceId})/Microsoft.NAV.verifyPinCode`, {
    method: 'POST',
    headers: { ...as('device').headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ pinCode: '739204' }),
  });
  assert.deepEqual(await checked.json(), { valid: true, mustChange: false });
});

test('the page says it runs on the server host, and its fault panel offers only what works there', async () => {
  await page.goto(`${url}#overview`);
  const banner = await waitForElement(page, `${shell}[data-server-host]`, { timeout: 60_000 });
  assert.equal(
    await banner.evaluate((node) => node.textContent.replace(/\s+/g, ' ').trim()),
    `This demo runs on the server host at ${hostUrl} (npm run demo:server): the users and their PIN codes are in its database. The fault panel's slow network, offline and failing change happen in this page, before a request leaves it.`,
  );
  await waitForElement(page, `${shell}.faults input[data-fault="offline"]`);
  const controls = await page.$$eval(`${shell}.faults :is(label, button)`, (nodes) =>
    nodes.map((node) => node.textContent.replace(/\s+/g, ' ').trim()),
  );
  // No "Reset demo data": the data is the server's, and the page cannot reset it.
  assert.deepEqual(controls, [
    'Slow network (1.5 s)',
    'Offline',
    'Fail the next change (server error)',
    'Open in a window of its own',
  ]);
});
