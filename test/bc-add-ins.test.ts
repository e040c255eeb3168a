import { expect } from '@open-wc/testing';
import { startMockHost, type MockHost } from '../src/mock/index.js';
import { simulatedAl } from './support/simulated-al.js';

/**
 * Each built add-in (dist/bc/NAME, made by `npm run build`) loaded the way Business Central loads it: a fresh iframe
 * with `#controlAddIn`, a `Microsoft.Dynamics.NAV` whose InvokeExtensibilityMethod is asynchronous, then the classic
 * `script.js` and `startup.js` — no module loader. AL is simulated: it serves the bridge's requests from the mock host
 * as the signed-in user, and records the add-in events it receives.
 */
async function loadAddIn(name: 'ChangePinCode' | 'UserSetup', host: MockHost, userId: string) {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1280px; height: 800px';
  document.body.append(frame);
  const win = frame.contentWindow as Window & typeof globalThis;
  win.document.open();
  win.document.write('<!doctype html><html><head></head><body><div id="controlAddIn"></div></body></html>');
  win.document.close();
  const token = await host.tokenFor(userId);
  const al = simulatedAl({
    baseUrl: '/mobile-flow-pin/contract',
    serve: (request) => {
      // AL acts as the web client's signed-in user: the request goes to the host's contract as that user.
      const url = new URL(request.url);
      const path = url.pathname.replace('/mobile-flow-pin/contract', host.baseUrl);
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${token}`);
      return host.fetch(
        new Request(new URL(`${path}${url.search}`, location.href), {
          method: request.method,
          headers,
          body: request.body,
          duplex: 'half',
        } as RequestInit),
      );
    },
  });
  const events: Array<{ name: string; args: unknown[] }> = [];
  const invoke = al.nav.InvokeExtensibilityMethod;
  (win as unknown as { Microsoft: unknown }).Microsoft = {
    Dynamics: {
      NAV: {
        ...al.nav,
        InvokeExtensibilityMethod(name: string, args: unknown[], skipIfBusy?: boolean) {
          if (name === 'MobileFlowRequest') return invoke(name, args, skipIfBusy);
          // Asynchronous, as in BC: AL hears of the event later.
          setTimeout(() => events.push({ name, args }), 0);
        },
      },
    },
  };
  for (const file of ['script.js', 'startup.js']) {
    await new Promise<void>((resolve, reject) => {
      const script = win.document.createElement('script'); // a classic script: no type="module"
      script.src = new URL(`/dist/bc/${name}/${file}`, location.href).href;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error(`${file} did not load`));
      win.document.head.append(script);
    });
  }
  al.answerTo((json) => (win as unknown as { MobileFlowResponse(json: string): void }).MobileFlowResponse(json));
  return { frame, win, al, events };
}

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error(`Timed out waiting for ${what}.`);
};

describe('the Business Central add-ins, loaded as Business Central loads them', () => {
  let host: MockHost;
  beforeEach(async () => {
    host = await startMockHost({ transport: 'direct', dbName: `bc-${crypto.randomUUID()}` });
  });
  afterEach(async () => {
    document.querySelectorAll('iframe').forEach((frame) => frame.remove());
    await host.stop({ deleteData: true });
  });

  it('ChangePinCode: tells AL it is ready, shows the status, changes the PIN code, raises PinCodeChanged, speaks Danish', async () => {
    await host.signIn('ADMIN');
    const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
    const { pinCode } = await host.client.issueTemporaryPinCode(anna.id);
    const { win, events } = await loadAddIn('ChangePinCode', host, 'ANNA');
    await until(() => events.some((event) => event.name === 'Ready'), 'Ready');
    const element = win.document.querySelector('#controlAddIn mf-change-pin-dialog')!;
    const root = () => element.shadowRoot!;
    await until(() => /temporary/i.test(root().textContent ?? ''), 'the status line');

    (root().querySelector('[part~="trigger"]') as HTMLButtonElement).click();
    // The form comes with the dialog's first opening.
    await until(() => root().querySelector('form') !== null, 'the form');
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
    await until(() => events.some((event) => event.name === 'PinCodeChanged'), 'PinCodeChanged');
    const changed = JSON.parse(String(events.find((event) => event.name === 'PinCodeChanged')!.args[0]));
    expect(changed.resourceNo).to.equal('R0010');
    expect(JSON.stringify(events)).to.not.include('739204');
    expect(await host.client.verifyPinCode(anna.resourceId!, { pinCode: '739204' })).to.deep.equal({
      valid: true,
      mustChange: false,
    });

    (win as unknown as { SetLanguage(tag: string): void }).SetLanguage('da-DK');
    await until(() => /Skift pinkode/.test(root().textContent ?? ''), 'Danish words');
  });

  it('UserSetup: shows the administrator the users, and raises UserSetupChanged for a saved setting', async () => {
    const { win, events } = await loadAddIn('UserSetup', host, 'ADMIN');
    const element = win.document.querySelector('#controlAddIn mf-user-setup-table')!;
    await until(() => !!element.shadowRoot?.querySelector('tr[data-user-id="ANNA"]'), 'the rows');
    const checkbox = element.shadowRoot!.querySelector<HTMLInputElement>(
      'tr[data-user-id="LARS"] input[type="checkbox"][name="passwordMandatory"], tr[data-user-id="LARS"] input[data-setting="passwordMandatory"]',
    );
    expect(checkbox, 'the Password mandatory checkbox of LARS').to.exist;
    checkbox!.click();
    await until(() => events.some((event) => event.name === 'UserSetupChanged'), 'UserSetupChanged');
    const detail = JSON.parse(String(events.find((event) => event.name === 'UserSetupChanged')!.args[0]));
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
