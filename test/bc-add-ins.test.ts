import { expect } from '@open-wc/testing';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import { SimulatedBusinessCentral, servedAs, type BridgeCall } from './support/simulated-al.js';
import { waitFor } from './support/dom.js';

/**
 * Each built add-in (dist/bc/NAME, made by `npm run build`) loaded the way Business Central loads it, by the simulated
 * Business Central the demo uses too: a fresh iframe with `#controlAddIn`, a `Microsoft.Dynamics.NAV` whose
 * InvokeExtensibilityMethod is asynchronous, then the classic `script.js` and `startup.js` — no module loader. AL
 * serves the bridge's requests from the mock host as the signed-in user, one trigger at a time; the test keeps the
 * other add-in events AL hears.
 */
async function loadAddIn(name: 'ChangePinCode' | 'UserSetup', host: MockHost, userId: string) {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1280px; height: 800px';
  document.body.append(frame);
  const events: BridgeCall[] = [];
  const businessCentral = new SimulatedBusinessCentral({
    baseUrl: host.baseUrl,
    serve: servedAs(host, userId),
    oneAtATime: true,
    delayMs: () => 5,
    userName: userId,
    observe: (call) => {
      if (call.kind === 'event' && !call.request) events.push(call);
    },
  });
  const built = async (file: string) => (await fetch(`/dist/bc/${name}/${file}`)).text();
  const [script, startup, styleSheet] = await Promise.all([
    built('script.js'),
    built('startup.js'),
    built('MobileFlowPin.css'),
  ]);
  await businessCentral.load(frame, name, { script, startup, styleSheet });
  return { frame, win: frame.contentWindow as Window & typeof globalThis, businessCentral, events };
}

describe('the Business Central add-ins, loaded as Business Central loads them', () => {
  let host: MockHost;
  beforeEach(async () => {
    host = await startMockHost({
      argon2idCost: TEST_ARGON2ID,
      transport: 'direct',
      dbName: `bc-${crypto.randomUUID()}`,
    });
  });
  afterEach(async () => {
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    await host.stop({ deleteData: true });
  });

  it('ChangePinCode: tells AL it is ready, shows the status, changes the PIN code, raises PinCodeChanged, speaks Danish', async () => {
    await host.signIn('ADMIN');
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    const { pinCode } = await host.client.issueTemporaryPinCode(anna.id);
    const { win, businessCentral, events } = await loadAddIn('ChangePinCode', host, 'ANNA');
    await waitFor(() => events.some((event) => event.name === 'Ready'), 'Ready');
    const element = win.document.querySelector('#controlAddIn mf-change-pin-dialog')!;
    const root = () => element.shadowRoot!;
    await waitFor(() => /temporary/i.test(root().textContent ?? ''), 'the status line');

    // The page is the add-in's own: the form is in it at once, no button to press and no modal confined to the frame.
    await waitFor(() => root().querySelector('form') !== null, 'the form');
    expect(element.hasAttribute('inline')).to.equal(true);
    expect(root().querySelector('[part~="trigger"]')).to.equal(null);
    expect(root().querySelector('dialog')!.matches(':modal')).to.equal(false);
    const field = (name: string) => root().querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    for (const [name, value] of [
      ['currentPinCode', pinCode],
      ['newPinCode', '739204'],
      ['confirmPinCode', '739204'],
    ]) {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    root().querySelector('form')!.requestSubmit();
    await waitFor(() => events.some((event) => event.name === 'PinCodeChanged'), 'PinCodeChanged');
    const changed = JSON.parse(events.find((event) => event.name === 'PinCodeChanged')!.text!);
    expect(changed.resourceNo).to.equal('R0010');
    expect(JSON.stringify(events)).to.not.include('739204');
    expect(await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '739204' })).to.deep.equal({
      valid: true,
      mustChange: false,
    });

    businessCentral.setLanguage('da-DK');
    await waitFor(() => /Skift pinkode/.test(root().textContent ?? ''), 'Danish words');
  });

  it('ChangePinCode: English words with the dates of the format region when AL gives one that differs', async () => {
    await host.signIn('ADMIN');
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    const { expiresAt } = await host.client.issueTemporaryPinCode(anna.id);
    const { win, businessCentral, events } = await loadAddIn('ChangePinCode', host, 'ANNA');
    await waitFor(() => events.some((event) => event.name === 'Ready'), 'Ready');
    const element = win.document.querySelector('#controlAddIn mf-change-pin-dialog')!;
    const status = () => element.shadowRoot!.querySelector('[part~="status"]')?.textContent?.trim() ?? '';
    const month = (locale: string) => new Intl.DateTimeFormat(locale, { month: 'short' }).format(new Date(expiresAt));
    await waitFor(() => status().includes(month('en-US')), 'an English date');
    businessCentral.setLanguage('en-US', 'da-DK');
    await waitFor(() => status().includes(month('da-DK')) && !status().includes(month('en-US')), 'a Danish date');
    expect(status(), 'English words').to.match(/temporary/i);
  });

  it('UserSetup started again (a recreated add-in): one element, one set of listeners, nothing left waiting', async () => {
    const { win, events } = await loadAddIn('UserSetup', host, 'ADMIN');
    await waitFor(() => events.some((event) => event.name === 'Ready'), 'Ready');
    const startup = await (await fetch('/dist/bc/UserSetup/startup.js')).text();
    await new Promise<void>((resolve) => {
      const script = win.document.createElement('script');
      script.src = URL.createObjectURL(new Blob([startup], { type: 'text/javascript' }));
      script.onload = () => resolve();
      win.document.head.append(script);
    });
    await waitFor(() => events.filter((event) => event.name === 'Ready').length === 2, 'Ready again');
    expect(win.document.querySelectorAll('mf-user-setup-table')).to.have.length(1);
    const element = win.document.querySelector('#controlAddIn mf-user-setup-table')!;
    await waitFor(() => !!element.shadowRoot?.querySelector('tr[data-user-id="LARS"]'), 'the rows');
    element
      .shadowRoot!.querySelector<HTMLInputElement>('tr[data-user-id="LARS"] input[data-setting="passwordMandatory"]')!
      .click();
    await waitFor(() => events.some((event) => event.name === 'UserSetupChanged'), 'UserSetupChanged');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.filter((event) => event.name === 'UserSetupChanged')).to.have.length(1);
  });

  it('UserSetup: shows the administrator the users, and raises UserSetupChanged for a saved setting', async () => {
    const { win, events } = await loadAddIn('UserSetup', host, 'ADMIN');
    const element = win.document.querySelector('#controlAddIn mf-user-setup-table')!;
    await waitFor(() => !!element.shadowRoot?.querySelector('tr[data-user-id="ANNA"]'), 'the rows');
    const checkbox = element.shadowRoot!.querySelector<HTMLInputElement>(
      'tr[data-user-id="LARS"] input[type="checkbox"][name="passwordMandatory"], tr[data-user-id="LARS"] input[data-setting="passwordMandatory"]',
    );
    expect(checkbox, 'the Password mandatory checkbox of LARS').to.exist;
    checkbox!.click();
    await waitFor(() => events.some((event) => event.name === 'UserSetupChanged'), 'UserSetupChanged');
    const detail = JSON.parse(events.find((event) => event.name === 'UserSetupChanged')!.text!);
    expect(detail).to.include({ userId: 'LARS', passwordMandatory: true });
  });
});

describe('a second copy of the plugin on one page', () => {
  it('does not make customElements.define throw: the first copy keeps its tags', async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const win = frame.contentWindow as Window & typeof globalThis;
    win.document.open();
    win.document.write('<!doctype html><html><head></head><body></body></html>');
    win.document.close();
    const errors: string[] = [];
    win.addEventListener('error', (event) => errors.push(event.message));
    // Each add-in script is a whole copy (Lit, the elements it needs); the same one twice is a second copy of it.
    for (const file of ['ChangePinCode/script.js', 'UserSetup/script.js', 'ChangePinCode/script.js']) {
      await new Promise<void>((resolve, reject) => {
        const script = win.document.createElement('script');
        script.src = new URL(`/dist/bc/${file}`, location.href).href;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`${file} did not load`));
        win.document.head.append(script);
      });
    }
    expect(errors).to.deep.equal([]);
    expect(win.customElements.get('mf-change-pin-dialog')).to.exist;
    expect(win.customElements.get('mf-user-setup-table')).to.exist;
    frame.remove();
  });
});
