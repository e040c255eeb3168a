// The demo's Business Central page, driven like a person in headless Chromium (puppeteer-core): both add-ins built by
// `npm run build` (which `npm test` runs first) load in iframes as Business Central loads them, and talk to a
// simulated AL over the add-in bridge, whose traffic the page logs with every PIN code masked.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/ensure-environment.mjs';
import {
  elementsWiderThanTheScreen,
  emulateTouchScreen,
  selectOption,
  signInAs,
  TOUCH_SCREENS,
  waitForElement,
} from './demo-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bc = 'demo-shell >>> demo-business-central >>> ';
const MASK = '••••••';
let server;
let browser;
let page;

/** The document inside an add-in's iframe. */
async function addIn(name) {
  const frame = await waitForElement(page, `${bc}iframe[data-add-in="${name}"]`, { timeout: 15_000 });
  return frame.contentFrame();
}

/**
 * Polls `read` until `matches` holds for what it gives, and says what it gave instead when it never does (after
 * `timeout` ms: a safety net, which a busy machine must not reach).
 */
async function until(read, matches, what, timeout = 15_000) {
  let seen;
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    let failure;
    seen = await read().catch((error) => (failure = error));
    if (!failure && matches(seen)) return seen;
  }
  assert.fail(`${what}: got ${JSON.stringify(seen)}`);
}

/** The bridge log's entries as the page shows them. */
const logEntries = () =>
  page.$$eval(`${bc}[data-log-entry]`, (rows) =>
    rows.map((row) => {
      const field = (name) => row.querySelector(`[data-field="${name}"]`)?.textContent.trim() ?? '';
      const next = row.nextElementSibling;
      const detail = next && !next.matches('[data-log-entry]') ? next.textContent.trim() : '';
      return { name: field('name'), addIn: field('add-in'), path: field('path'), status: field('status'), detail };
    }),
  );
/**
 * Clicks `selector` inside an add-in's iframe. The add-in's box is of a fixed height and the table scrolls inside it,
 * where puppeteer finds no clickable point for a button out of sight, so the click is the element's own.
 */
async function press(frame, selector) {
  const element = await waitForElement(frame, selector, { timeout: 15_000 });
  await element.evaluate((node) => node.click());
}

const logText = () => page.$eval(`${bc}[data-bridge-log]`, (log) => log.textContent);

before(async () => {
  server = await createServer({ configFile: `${root}/vite.config.ts`, logLevel: 'error', server: { port: 0 } });
  await server.listen();
  browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${server.resolvedUrls.local[0]}#bc`);
  await waitForElement(page, 'demo-shell >>> header select option', { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the administrator sees the user setup add-in in its iframe, loaded as Business Central loads it', async () => {
  await signInAs(page, 'ADMIN');
  const frame = await addIn('UserSetup');
  await waitForElement(frame, '#controlAddIn > .mf-add-in > mf-user-setup-table >>> tr[data-user-id="ANNA"]', {
    timeout: 15_000,
  });
  // Classic scripts, script.js then startup.js: no module loader in the add-in's iframe.
  const scripts = await frame.$$eval('script', (nodes) => nodes.map((node) => node.type));
  assert.deepEqual(scripts, ['', '']);
  const entries = await until(
    logEntries,
    (seen) =>
      ['ChangePinCode', 'UserSetup'].every((name) =>
        seen.some((entry) => entry.addIn === name && entry.name === 'Ready'),
      ) && seen.some((entry) => entry.name === 'MobileFlowResponse' && /^userSetups\?/.test(entry.path)),
    'Ready from both add-ins and the answer to the list of users',
  );
  const list = entries.find((entry) => entry.name === 'MobileFlowResponse' && /^userSetups\?/.test(entry.path));
  assert.match(list.status, /^200/);
  assert.ok(
    entries.some((entry) => entry.name === 'SetLanguage'),
    'AL gives each add-in its language at Ready',
  );
});

test('Anna changes the temporary PIN code the administrator issued, and the log never holds either code', async () => {
  await signInAs(page, 'ADMIN');
  let frame = await addIn('UserSetup');
  const table = '#controlAddIn > .mf-add-in > mf-user-setup-table >>> ';
  await press(frame, `${table}tr[data-user-id="ANNA"] [data-action="issue"]`);
  await press(frame, `${table}#issue-dialog button[type="submit"]`);
  const output = await waitForElement(frame, `${table}#issue-dialog output`, { timeout: 15_000 });
  const temporary = (await output.evaluate((node) => node.textContent)).trim();
  assert.match(temporary, /^[0-9]{8}$/);
  const issued = await until(
    logEntries,
    (seen) => seen.some((entry) => entry.name === 'MobileFlowResponse' && /issueTemporaryPinCode$/.test(entry.path)),
    'the answer to issueTemporaryPinCode',
  );
  const answer = issued.find(
    (entry) => entry.name === 'MobileFlowResponse' && /issueTemporaryPinCode$/.test(entry.path),
  );
  assert.ok(answer.detail.includes(`"pinCode":"${MASK}"`), `the code is masked in the answer: ${answer.detail}`);
  await until(
    logEntries,
    (seen) => seen.some((entry) => entry.name === 'TemporaryPinCodeIssued' && entry.detail.includes('"userId":"ANNA"')),
    'TemporaryPinCodeIssued with its detail',
  );
  await press(frame, `${table}#issue-dialog [data-first-focus]`);

  // Anna signs in: the web client's add-ins start again, as her.
  await signInAs(page, 'ANNA');
  frame = await addIn('ChangePinCode');
  const dialog = '#controlAddIn > .mf-add-in > mf-change-pin-dialog >>> ';
  await frame.waitForFunction(
    () =>
      /temporary PIN code/.test(
        document.querySelector('mf-change-pin-dialog')?.shadowRoot.querySelector('[part~="status"]')?.textContent ?? '',
      ),
    { timeout: 15_000 },
  );
  // The add-in's page is its own: the form is in it, inline, with no button to open it first.
  await waitForElement(frame, `${dialog}input[name="currentPinCode"]`, { visible: true });
  await frame.type(`${dialog}input[name="currentPinCode"]`, temporary);
  await frame.type(`${dialog}input[name="newPinCode"]`, '739204');
  await frame.type(`${dialog}input[name="confirmPinCode"]`, '739204');
  await page.keyboard.press('Enter');
  const entries = await until(
    logEntries,
    (seen) => seen.some((entry) => entry.name === 'PinCodeChanged' && entry.addIn === 'ChangePinCode'),
    'PinCodeChanged in the log',
  );
  const changed = entries.find((entry) => entry.name === 'PinCodeChanged');
  assert.match(changed.detail, /"resourceNo":"R0010"/);
  const request = entries.find((entry) => entry.name === 'MobileFlowRequest' && /changePinCode$/.test(entry.path));
  assert.equal(request.detail, `{"currentPinCode":"${MASK}","newPinCode":"${MASK}"}`);
  const answer2 = entries.find((entry) => entry.name === 'MobileFlowResponse' && /changePinCode$/.test(entry.path));
  assert.match(answer2.status, /^200/);

  await waitForElement(frame, `${dialog}[part~="message"].success`);
  // Inline there is nothing to close: the button brings the form back for another change.
  await frame.click(`${dialog}dialog .actions button`);
  await waitForElement(frame, `${dialog}input[name="newPinCode"]`, { visible: true });

  const everything = await logText();
  assert.ok(!everything.includes('739204'), 'the log never holds the new code');
  assert.ok(!everything.includes(temporary), 'the log never holds the temporary code');
});

test('a busy web client holds the add-ins back until it is free again', async () => {
  await signInAs(page, 'ANNA');
  const frame = await addIn('ChangePinCode');
  const dialog = '#controlAddIn > .mf-add-in > mf-change-pin-dialog >>> ';
  await waitForElement(frame, `${dialog}input[name="newPinCode"]`);
  await until(
    logEntries,
    (seen) => seen.some((entry) => entry.addIn === 'ChangePinCode' && entry.name === 'SetLanguage'),
    'the add-in started',
  );
  await page.click(`${bc}[data-keep-busy]`);
  // What AL was already doing ends; nothing new starts.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const before = (await logEntries()).length;
  // A change sent now (with a current code that is not hers: refused, which is all this needs) waits while the client
  // is busy.
  const current = (await frame.$(`${dialog}input[name="currentPinCode"]`)) ? 'currentPinCode' : undefined;
  if (current) await frame.type(`${dialog}input[name="${current}"]`, '482913');
  await frame.type(`${dialog}input[name="newPinCode"]`, '615938');
  await frame.type(`${dialog}input[name="confirmPinCode"]`, '615938');
  await page.keyboard.press('Enter');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(
    (await logEntries()).slice(before).map((entry) => entry.name),
    [],
    'nothing crosses the bridge while the web client is busy',
  );
  await page.click(`${bc}[data-keep-busy]`);
  const entries = await until(
    async () => (await logEntries()).slice(before),
    (seen) => seen.some((entry) => entry.name === 'MobileFlowResponse'),
    'the request sent once the client is free',
  );
  const told = entries.findIndex((entry) => entry.addIn === 'ChangePinCode' && entry.name === 'OnBusyChanged');
  const sent = entries.findIndex((entry) => entry.addIn === 'ChangePinCode' && entry.name === 'MobileFlowRequest');
  assert.ok(told !== -1 && told < sent, 'the add-in is told the client is free, then sends its request');
  await frame.click(`${dialog}[part~="cancel"]`);
});

test('a refused call, an AL error and a recreated add-in, each made from the page, say what happened', async () => {
  await signInAs(page, 'ADMIN');
  const frame = await addIn('UserSetup');
  const table = '#controlAddIn > .mf-add-in > mf-user-setup-table';
  const larsSetting = `${table} >>> tr[data-user-id="LARS"] input[data-setting="passwordMandatory"]`;
  const tableText = () => frame.$eval(table, (node) => node.shadowRoot.textContent.replace(/\s+/g, ' '));
  await waitForElement(frame, larsSetting, { timeout: 15_000 });

  await page.click(`${bc}[data-refuse-calls]`);
  await press(frame, larsSetting);
  await until(
    tableText,
    (text) => text.includes('Not saved. Business Central refused the request. Try again in a moment.'),
    'the table says Business Central refused the call',
  );
  assert.match(await logText(), /the web client refused the call \(errorCallback\): AL never heard of it/);
  await page.click(`${bc}[data-refuse-calls]`);

  await page.click(`${bc}[data-fail-in-al]`);
  await press(frame, larsSetting);
  await until(
    tableText,
    (text) => text.includes('Not saved. The server failed and nothing was changed. Try again.'),
    'the table says the server failed',
  );
  await page.click(`${bc}[data-fail-in-al]`);

  const readyBefore = (await logEntries()).filter((e) => e.addIn === 'UserSetup' && e.name === 'Ready').length;
  await page.click(`${bc}[data-recreate]`);
  await until(
    logEntries,
    (seen) => seen.filter((e) => e.addIn === 'UserSetup' && e.name === 'Ready').length === readyBefore + 1,
    'Ready again from the recreated add-in',
  );
  await waitForElement(frame, `${table} >>> tr[data-user-id="ANNA"]`, { timeout: 15_000 });
  assert.equal((await frame.$$('mf-user-setup-table')).length, 1, 'one element after the startup script ran again');
});

test("AL's SetLanguage follows the page's language: the add-ins and the page speak Danish", async () => {
  await signInAs(page, 'ANNA');
  const frame = await addIn('ChangePinCode');
  await waitForElement(frame, '#controlAddIn > .mf-add-in > mf-change-pin-dialog >>> form');
  await selectOption(page, 'demo-shell >>> header select[data-language]', 'da-DK');
  await frame.waitForFunction(
    () => /Skift pinkode/.test(document.querySelector('mf-change-pin-dialog')?.shadowRoot.textContent ?? ''),
    { timeout: 15_000 },
  );
  await until(
    logEntries,
    (seen) => seen.some((entry) => entry.name === 'SetLanguage' && entry.detail === '["da-DK","da-DK"]'),
    "SetLanguage('da-DK', 'da-DK') in the log",
  );
  assert.equal(
    await page.$eval(`${bc}#log-heading`, (node) => node.textContent.trim()),
    'Trafik over broen',
    "the page's own words",
  );
  await selectOption(page, 'demo-shell >>> header select[data-language]', 'en');
  await frame.waitForFunction(() =>
    /Change PIN code/.test(document.querySelector('mf-change-pin-dialog')?.shadowRoot.textContent ?? ''),
  );
});

test('the Business Central page has one h1, its landmarks and names, in English and in Danish', async () => {
  await signInAs(page, 'ADMIN');
  await addIn('UserSetup');
  await page.addScriptTag({ path: fileURLToPath(import.meta.resolve('axe-core/axe.min.js')) });
  for (const language of ['en', 'da-DK']) {
    await selectOption(page, 'demo-shell >>> header select[data-language]', language);
    // The add-ins are checked by the elements' own tests; here, the page around them.
    const { violations } = await page.evaluate(() => window.axe.run(document, { iframes: false }));
    assert.deepEqual(
      violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`),
      [],
      language,
    );
  }
  await selectOption(page, 'demo-shell >>> header select[data-language]', 'en');
});

test("with a phone's screen chosen, the Business Central page shows each add-in as the phone client does: 360 px wide", async () => {
  await signInAs(page, 'ADMIN');
  const screen = 'demo-shell >>> header select[data-screen]';
  /** What each add-in sees of its client: its iframe's width, and the device GetEnvironment names (2: a phone). */
  const clientOf = async (name) =>
    (await addIn(name)).evaluate(() => ({
      width: innerWidth,
      deviceCategory: Microsoft.Dynamics.NAV.GetEnvironment().DeviceCategory,
    }));
  const seen = async (client) => {
    for (const name of ['ChangePinCode', 'UserSetup'])
      await until(
        () => clientOf(name),
        (seen) => seen.width === client.width && seen.deviceCategory === client.deviceCategory,
        name,
      );
  };
  await until(
    () => clientOf('UserSetup'),
    (seen) => seen.width > 360 && seen.deviceCategory === 0,
    'the web client, at first',
  );
  try {
    await selectOption(page, screen, 'phone');
    await seen({ width: 360, deviceCategory: 2 });
  } finally {
    await selectOption(page, screen, 'desktop');
  }
  await until(
    () => clientOf('UserSetup'),
    (seen) => seen.width > 360 && seen.deviceCategory === 0,
    'the web client again',
  );
});

test('on touch screens 320, 360 and 768 px wide, in English and Danish, nothing on the Business Central page is wider than the screen', async () => {
  const touch = await browser.newPage();
  const language = 'demo-shell >>> header select[data-language]';
  try {
    await emulateTouchScreen(touch, TOUCH_SCREENS[0]);
    await touch.goto(`${server.resolvedUrls.local[0]}#bc`);
    await waitForElement(touch, `${bc}iframe[data-add-in="UserSetup"]`, { timeout: 30_000 });
    for (const screen of TOUCH_SCREENS) {
      await emulateTouchScreen(touch, screen);
      for (const tag of ['en', 'da-DK']) {
        await selectOption(touch, language, tag);
        await touch.waitForFunction(
          (heading) =>
            document
              .querySelector('demo-shell')
              .shadowRoot.querySelector('demo-business-central')
              .shadowRoot.querySelector('#log-heading')
              .textContent.trim() === heading,
          {},
          tag === 'en' ? 'Bridge traffic' : 'Trafik over broen',
        );
        assert.deepEqual(await elementsWiderThanTheScreen(touch, screen.width), [], `${screen.width} px, ${tag}`);
      }
    }
  } finally {
    await selectOption(touch, language, 'en').catch(() => {});
    await touch.close();
  }
});

test('add-ins built while the dev server runs show on the next reload, with no restart', async () => {
  // The dev server reads the built add-ins from a folder that is empty when it starts, as dist/bc is before the first
  // `npm run build`.
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-demo-bc-'));
  process.env.MF_DEMO_BC_DIR = folder;
  const devServer = await createServer({
    configFile: `${root}/vite.config.ts`,
    logLevel: 'error',
    server: { port: 0 },
  }).finally(() => delete process.env.MF_DEMO_BC_DIR);
  await devServer.listen();
  const other = await browser.newPage();
  const section = (name) => `demo-shell >>> demo-business-central >>> section[aria-labelledby="${name}-heading"]`;
  const textIn = (selector) =>
    other.$eval(selector, (node) => node.textContent.replace(/\s+/g, ' ').trim()).catch(() => '');
  try {
    await other.goto(`${devServer.resolvedUrls.local[0]}#bc`);
    await until(
      () => textIn(`${section('UserSetup')} [role="alert"]`),
      (seen) => seen === 'The UserSetup add-in is not built yet: run npm run build, then reload this page.',
      'the page says the add-in is not built',
      // A new dev server's first page: Vite transforms the demo's modules for it, which took over 15 s once while
      // two full test runs shared the two cores.
      60_000,
    );
    // `npm run build` meanwhile: the add-ins appear in the folder.
    cpSync(join(root, 'dist/bc'), folder, { recursive: true });
    await other.reload();
    const frame = await (
      await waitForElement(other, `${section('UserSetup')} iframe[data-add-in="UserSetup"]`, { timeout: 30_000 })
    ).contentFrame();
    await waitForElement(frame, '#controlAddIn > .mf-add-in > mf-user-setup-table >>> tr[data-user-id="ANNA"]', {
      timeout: 15_000,
    });
    assert.equal(await other.$(`${section('ChangePinCode')} [role="alert"]`), null);
  } finally {
    await other.close();
    await devServer.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
