import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  createMobileFlowClient,
  MobileFlowError,
  type MobileFlowClient,
  type MobileFlowClientOptions,
} from '../src/api/index.js';
import type {
  MfChangePinDialog,
  PinCodeChangedDetail,
} from '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import { setLocale } from '../src/elements/localization.js';
import { errorWords, formatDateTime } from '../src/elements/words.js';
import { startMockHost, TEST_ARGON2ID, type MockHost, type StartMockHostOptions } from '../src/mock/index.js';
import './support/client-provider.js';
import { focused, placesHolding, waitFor } from './support/dom.js';
import { failure } from './support/contract-suite.js';
import { userSetupOf } from './support/user-setups.js';

const NEW_CODE = '739204';
const HOUR = 3_600_000;

let host: MockHost;
let clock: number;

async function startHost(options: Omit<StartMockHostOptions, 'dbName' | 'now'> = {}) {
  clock = Date.now();
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    ...options,
    dbName: `dialog-${crypto.randomUUID()}`,
    now: () => new Date(clock),
  });
}

/** Issues a temporary code to `userId` as the administrator, then signs in as `userId`. */
async function temporaryCodeFor(userId: string, pinCode?: string): Promise<string> {
  await host.signIn('ADMIN');
  const setup = await userSetupOf(host.client, userId);
  const issued = await host.client.issueTemporaryPinCode(setup.id, pinCode ? { pinCode } : {});
  await host.signIn(userId);
  return issued.pinCode;
}

/**
 * A client that records every request it sends, as the host page would provide it. A change waits for `held`, when
 * given, before it reaches the host: the test decides when it is answered.
 */
function recordingClient(options: Partial<MobileFlowClientOptions> = {}, held?: Promise<void>) {
  const sent: Array<{ method: string; url: string; idempotencyKey: string | null }> = [];
  const client = createMobileFlowClient({
    baseUrl: host.baseUrl,
    ...options,
    fetch: async (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        idempotencyKey: new Headers(init?.headers).get('Idempotency-Key'),
      });
      if (held && String(input).endsWith('changePinCode')) await held;
      return host.fetch(input, init);
    },
  });
  return { client, sent, changes: () => sent.filter((request) => request.url.endsWith('changePinCode')) };
}

/**
 * Holds every answer of the mock host until the function it returns is called: a request stays in flight for exactly
 * as long as the test needs, however busy the machine is.
 */
function holdAnswers(): () => void {
  let release!: () => void;
  host.network.hold = new Promise<void>((resolve) => (release = resolve));
  return () => {
    host.network.hold = undefined;
    release();
  };
}

const part = (el: MfChangePinDialog, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const field = (el: MfChangePinDialog, name: 'current' | 'new' | 'confirm') =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-field="${name}"]`)!;
const submitButton = (el: MfChangePinDialog) => part(el, 'submit') as HTMLButtonElement;
/** Waits for the element's session load (it reloads it whenever the dialog opens): the dialog is busy until then. */
const sessionSettled = (el: MfChangePinDialog) =>
  waitFor(() => part(el, 'dialog')!.getAttribute('aria-busy') === 'false', 'the session loads');

async function mount(client?: MobileFlowClient): Promise<MfChangePinDialog> {
  const el = client
    ? (
        await fixture<HTMLElement>(
          html`<test-client-provider .client=${client}
            ><mf-change-pin-dialog></mf-change-pin-dialog
          ></test-client-provider>`,
        )
      ).querySelector('mf-change-pin-dialog')!
    : await fixture<MfChangePinDialog>(html`<mf-change-pin-dialog base-url=${host.baseUrl}></mf-change-pin-dialog>`);
  await waitFor(
    () => part(el, 'status')?.textContent?.trim() && !part(el, 'status')!.textContent!.includes('Loading'),
    'the status line loads',
  );
  return el;
}

async function open(el: MfChangePinDialog) {
  el.show();
  await el.updateComplete;
  await sessionSettled(el);
  await el.updateComplete;
}

async function typeInto(el: MfChangePinDialog, name: 'current' | 'new' | 'confirm', text: string) {
  field(el, name).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function fillAndSubmit(el: MfChangePinDialog, current: string | undefined, newCode = NEW_CODE) {
  if (!el.open) await open(el);
  if (current !== undefined) await typeInto(el, 'current', current);
  await typeInto(el, 'new', newCode);
  await typeInto(el, 'confirm', newCode);
  expect(submitButton(el).getAttribute('aria-disabled'), 'submit is possible').to.equal('false');
  await sendKeys({ press: 'Enter' });
}

const messageText = (el: MfChangePinDialog) => part(el, 'message')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const fieldError = (el: MfChangePinDialog, name: string) =>
  el.shadowRoot!.querySelector(`#${name}-error`)?.textContent?.trim() ?? '';

describe('<mf-change-pin-dialog>', () => {
  beforeEach(() => startHost());
  afterEach(() => host.stop({ deleteData: true }));

  it('takes a user from a temporary code to their own, on the keyboard, and the device follows', async () => {
    const temporary = await temporaryCodeFor('ANNA');
    const { client, changes } = recordingClient();
    const el = await mount(client);
    const session = await host.client.getSession();
    expect(part(el, 'status')!.textContent).to.include(
      `You have a temporary PIN code, valid until ${formatDateTime(session.temporaryPinCodeExpiresAt!)}. Change it now.`,
    );

    part(el, 'trigger')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(focused()).to.equal('current');
    expect(el.shadowRoot!.querySelector('label[for="current"]')!.textContent).to.equal('Temporary PIN code');

    // Keyboard alone: each field is two Tabs from the one before (its Show button is between them).
    const changed = oneEvent(el, 'mf-pin-code-changed');
    await sendKeys({ type: temporary });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('new');
    await sendKeys({ type: NEW_CODE });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('confirm');
    await sendKeys({ type: NEW_CODE });
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    const event = (await changed) as CustomEvent<PinCodeChangedDetail>;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(Object.keys(event.detail).sort()).to.deep.equal(['changedAt', 'resourceNo']);
    expect(event.detail.resourceNo).to.equal('R0010');
    await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
    expect(messageText(el)).to.equal('Your PIN code was changed, and your Resource card R0010 has been updated.');
    expect(changes()).to.have.length(1);
    await waitFor(() => part(el, 'status')!.textContent!.includes('PIN code set on'), 'the status line updates');

    const { resourceId } = await host.client.getSession();
    expect(await host.deviceClient.verifyPinCode(resourceId!, { pinCode: NEW_CODE })).to.deep.equal({
      valid: true,
      mustChange: false,
    });
    expect((await host.deviceClient.verifyPinCode(resourceId!, { pinCode: temporary })).valid).to.equal(false);
    // ANNA did all of it without access to the user setup table.
    expect((await failure(host.client.listUserSetups())).code).to.equal('Authorization_Denied');
  });

  it('lets a user with no PIN code yet set one without a current code', async () => {
    await host.signIn('FREJA');
    const el = await mount();
    expect(part(el, 'status')!.textContent).to.include('You have no PIN code yet.');
    await open(el);
    expect(field(el, 'current') === null, 'no current field').to.equal(true);
    expect(focused()).to.equal('new');
    await fillAndSubmit(el, undefined);
    await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
  });

  describe('the checklist', () => {
    const cases: Array<[string, string]> = [
      ['12a456', 'digitsOnly'],
      ['73920', 'length'],
      ['739204518', 'length'],
      ['000000', 'repeatedDigit'],
      ['123456', 'sequence'],
      ['121212', 'repeatedGroup'],
      ['200000', 'common'],
    ];
    for (const [code, line] of cases) {
      it(`marks "${line}" not met for ${code}, and submit stays off`, async () => {
        await temporaryCodeFor('ANNA', '58203917');
        const el = await mount();
        await open(el);
        await typeInto(el, 'current', '58203917');
        await typeInto(el, 'new', code);
        await typeInto(el, 'confirm', code);
        const item = el.shadowRoot!.querySelector(`li[data-rule="${line}"]`)!;
        expect(item.getAttribute('data-met')).to.equal('false');
        expect(item.textContent).to.include('Not met:');
        expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      });
    }

    it('marks every rule met for a good code, checks the confirmation and the temporary code', async () => {
      await temporaryCodeFor('ANNA', '58203917');
      const el = await mount();
      await open(el);
      await typeInto(el, 'current', '58203917');
      await typeInto(el, 'new', '58203917');
      expect(el.shadowRoot!.querySelector('li[data-rule="sameAsTemporary"]')!.getAttribute('data-met')).to.equal(
        'false',
      );
      field(el, 'new').select();
      await typeInto(el, 'new', NEW_CODE);
      const lines = [...el.shadowRoot!.querySelectorAll('li[data-rule]')];
      expect(lines.map((line) => line.getAttribute('data-met'))).to.deep.equal(lines.map(() => 'true'));
      expect(lines.map((line) => line.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        '✓ Met: Only the digits 0 to 9',
        '✓ Met: 6 to 8 digits',
        '✓ Met: Not one digit repeated, like 000000',
        '✓ Met: Not a run of digits, like 123456 or 987654',
        '✓ Met: Not a repeated group, like 121212 or 123123',
        '✓ Met: Not one of the most common PIN codes, like 1122 or 200000',
        '✓ Met: Not the temporary PIN code',
      ]);
      expect(el.shadowRoot!.querySelector('[part~="checklist"]')!.getAttribute('aria-live')).to.equal('polite');
      await typeInto(el, 'confirm', '739205');
      expect(el.shadowRoot!.querySelector('#confirm-status')!.textContent).to.include(
        'The two new PIN codes are not the same.',
      );
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      await sendKeys({ press: 'Backspace' });
      await typeInto(el, 'confirm', '');
      field(el, 'confirm').select();
      await typeInto(el, 'confirm', NEW_CODE);
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('false');
    });
  });

  describe('shows every answer of the host in words, where it belongs', () => {
    it('a wrong current code: attempts left, that field emptied and focused, the new code kept', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await fillAndSubmit(el, '11223344');
      await waitFor(() => fieldError(el, 'current'));
      expect(fieldError(el, 'current')).to.equal(
        'The temporary PIN code is wrong. 4 attempts left before your PIN code is locked.',
      );
      expect(field(el, 'current').value).to.equal('');
      expect(field(el, 'current').getAttribute('aria-invalid')).to.equal('true');
      expect(field(el, 'current').getAttribute('aria-describedby')).to.include('current-error');
      expect(focused()).to.equal('current');
      expect(field(el, 'new').value).to.equal(NEW_CODE);
      expect(field(el, 'confirm').value).to.equal(NEW_CODE);
      await expect(el).to.be.accessible();
    });

    it('a lock: until when, in local time', async () => {
      await host.stop({ deleteData: true });
      await startHost({ policy: { maxFailedAttempts: 3 } });
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await fillAndSubmit(el, '11223344');
      await waitFor(() => fieldError(el, 'current').includes('2 attempts left'));
      for (const next of ['1 attempt left', undefined]) {
        await typeInto(el, 'current', '11223344');
        await sendKeys({ press: 'Enter' });
        if (next) await waitFor(() => fieldError(el, 'current').includes(next));
      }
      await waitFor(() => messageText(el).includes('locked'));
      const { lockedUntil } = await host.client.getSession();
      expect(messageText(el)).to.equal(
        `Too many wrong PIN codes: your PIN code is locked until ${formatDateTime(lockedUntil!)}.`,
      );
      expect(focused()).to.equal('message');
      await waitFor(() => part(el, 'status')!.textContent!.includes('locked until'));
    });

    it('an expired temporary code: ask the administrator for a new one', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      clock += 73 * HOUR;
      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el));
      expect(messageText(el)).to.equal('Your temporary PIN code has expired. Ask your administrator for a new one.');
    });

    it("a policy violation only the host can see: the user's recent code, named at the new code", async () => {
      const temporary = await temporaryCodeFor('ANNA');
      await host.client.changePinCode({ currentPinCode: temporary, newPinCode: NEW_CODE });
      const el = await mount();
      await open(el);
      expect(el.shadowRoot!.querySelector('label[for="current"]')!.textContent).to.equal('Current PIN code');
      await fillAndSubmit(el, NEW_CODE, NEW_CODE);
      await waitFor(() => fieldError(el, 'new'));
      expect(fieldError(el, 'new')).to.equal('The new PIN code was refused. It is one of your last 3 PIN codes.');
      expect(focused()).to.equal('new');
    });

    it('PIN codes turned off meanwhile', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      await host.signIn('ADMIN');
      const anna = (await host.client.listUserSetups({ search: 'ANNA' })).value[0];
      await host.client.updateUserSetup(anna, { allowPinCode: false });
      await host.signIn('ANNA');
      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el));
      expect(messageText(el)).to.equal(
        'PIN codes are not allowed for your account. Ask your administrator if you need one.',
      );
    });

    it('a network failure: nothing lost, and the retry reuses the Idempotency-Key', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const { client, changes } = recordingClient({ retries: 0 });
      const el = await mount(client);
      await open(el);
      host.network.offline = true;
      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el));
      expect(messageText(el)).to.equal(
        'The server could not be reached. Your entries are kept: check your connection and try again.',
      );
      expect([field(el, 'current').value, field(el, 'new').value, field(el, 'confirm').value]).to.deep.equal([
        temporary,
        NEW_CODE,
        NEW_CODE,
      ]);
      await expect(el).to.be.accessible();
      host.network.offline = false;
      submitButton(el).click();
      await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
      const [first, retry] = changes();
      expect(retry.idempotencyKey).to.equal(first.idempotencyKey);
    });

    it('a timeout: nothing lost, and the retry gets the answer the host gave', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const { client, changes } = recordingClient({ timeoutMs: 300, retries: 0 });
      const el = await mount(client);
      await open(el);
      host.network.latencyMs = 1500;
      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el), 'the timeout is shown');
      expect(messageText(el)).to.equal('The server did not answer in time. Your entries are kept: try again.');
      expect(field(el, 'new').value).to.equal(NEW_CODE);
      host.network.latencyMs = 0;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      submitButton(el).click();
      await waitFor(() => messageText(el).startsWith('Your PIN code was changed'), 'the retry is answered');
      expect(new Set(changes().map((request) => request.idempotencyKey)).size).to.equal(1);
    });

    it('the session gone', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      host.signOut();
      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el));
      expect(messageText(el)).to.equal('Your session has ended. Sign in again, then change your PIN code.');
    });
  });

  it('sends one request for a double submit', async () => {
    const temporary = await temporaryCodeFor('ANNA');
    // The change is held until both extra submits are made: a fast host would otherwise answer (and close the dialog)
    // before them.
    let answer!: () => void;
    const { client, changes } = recordingClient({}, new Promise((resolve) => (answer = resolve)));
    const el = await mount(client);
    await fillAndSubmit(el, temporary);
    (part(el, 'form') as HTMLFormElement).requestSubmit();
    part(el, 'form')!.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    expect(submitButton(el).textContent!.trim()).to.equal('Changing PIN code…');
    expect(part(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    answer();
    await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
    expect(changes()).to.have.length(1);
  });

  describe('the dialog', () => {
    it('fits a 360 px wide screen and 200 % zoom without scrolling sideways', async () => {
      await temporaryCodeFor('ANNA');
      for (const viewport of [
        { width: 360, height: 640 },
        { width: 640, height: 360 },
      ]) {
        await setViewport(viewport);
        const el = await mount();
        await open(el);
        const dialog = el.shadowRoot!.querySelector('dialog')!;
        const box = dialog.getBoundingClientRect();
        expect(box.left >= 0 && box.right <= viewport.width, `dialog inside ${viewport.width} px`).to.equal(true);
        expect(dialog.scrollWidth <= dialog.clientWidth, 'no sideways scrolling').to.equal(true);
        for (const input of el.shadowRoot!.querySelectorAll('input'))
          expect(input.getBoundingClientRect().width).to.be.greaterThan(100);
        el.close();
      }
      await setViewport({ width: 800, height: 600 });
    });

    it('closes with Escape and with Cancel, giving focus back to the trigger', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await expect(el).to.be.accessible();
      for (const closeWith of ['Escape', 'Cancel']) {
        part(el, 'trigger')!.focus();
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
        expect(el.shadowRoot!.querySelector('dialog')!.getAttribute('aria-labelledby')).to.equal('heading');
        await expect(el).to.be.accessible();
        expect(focused()).to.equal('current');
        if (closeWith === 'Escape') await sendKeys({ press: 'Escape' });
        else part(el, 'cancel')!.click();
        await waitFor(() => !el.open, `${closeWith} closes`);
        expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
        expect(focused(), closeWith).to.equal('trigger');
      }
    });

    it('keeps no typed code after a cancel or a success: not in the DOM, a property, an event or the console', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const printed: string[] = [];
      const originals = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => {
        const original = console[method];
        console[method] = (...args: unknown[]) => {
          printed.push(args.map(String).join(' '));
          original.apply(console, args);
        };
        return [method, original] as const;
      });
      const el = await mount();
      const details: unknown[] = [];
      el.addEventListener('mf-pin-code-changed', (event) => details.push(event.detail));
      await open(el);
      await typeInto(el, 'current', temporary);
      await typeInto(el, 'new', '640183');
      await typeInto(el, 'confirm', '640183');
      el.shadowRoot!.querySelector<HTMLButtonElement>('.reveal')!.click();
      await el.updateComplete;
      expect(placesHolding(el, ['640183'])).to.include('field values');
      el.close();
      await el.updateComplete;
      expect(placesHolding(el, [temporary, '640183'])).to.deep.equal([]);

      await fillAndSubmit(el, temporary);
      await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
      expect(placesHolding(el, [temporary, NEW_CODE])).to.deep.equal([]);
      part(el, 'message')!.closest('dialog')!.querySelector('button')!.click();
      await waitFor(() => !el.open);
      expect(placesHolding(el, [temporary, NEW_CODE, '640183'])).to.deep.equal([]);
      expect(JSON.stringify(details)).to.not.match(new RegExp(`${temporary}|${NEW_CODE}`));
      for (const [method, original] of originals) console[method] = original;
      expect(printed.join('\n')).to.not.match(new RegExp(`${temporary}|${NEW_CODE}|640183`));
    });

    it('names the show/hide toggle after its field and switches between them', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      const toggle = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.reveal')[1];
      expect(toggle.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Show new pin code');
      expect(field(el, 'new').type).to.equal('password');
      toggle.click();
      await el.updateComplete;
      expect(toggle.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Hide new pin code');
      expect(field(el, 'new').type).to.equal('text');
      expect(field(el, 'new').getAttribute('inputmode')).to.equal('numeric');
      expect(field(el, 'new').getAttribute('autocomplete')).to.equal('new-password');
      expect(field(el, 'new').name).to.equal('newPinCode');
    });

    it('moves focus to the first field when the form arrives after the dialog opened', async () => {
      await temporaryCodeFor('ANNA');
      const release = holdAnswers();
      const el = await fixture<MfChangePinDialog>(
        html`<mf-change-pin-dialog base-url=${host.baseUrl} no-trigger></mf-change-pin-dialog>`,
      );
      el.show();
      await el.updateComplete;
      expect(messageText(el)).to.equal('Loading…');
      release();
      await waitFor(() => field(el, 'current'), 'the form arrives');
      await el.updateComplete;
      expect(focused()).to.equal('current');
    });

    it('brings its form with the first opening, in its own styles', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      expect(getComputedStyle(part(el, 'checklist')!).listStyleType).to.equal('none');
      expect(getComputedStyle(field(el, 'new')).letterSpacing).to.not.equal('normal');
      await expect(el).to.be.accessible();
    });

    it('inline: the form is part of the page, takes no focus, empties on Cancel, and comes back after a change', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const before = document.createElement('button');
      document.body.append(before);
      before.focus();
      try {
        const el = await fixture<MfChangePinDialog>(
          html`<mf-change-pin-dialog inline base-url=${host.baseUrl}></mf-change-pin-dialog>`,
        );
        await waitFor(() => field(el, 'current'), 'the form, without a click');
        const dialog = el.shadowRoot!.querySelector('dialog')!;
        expect(el.open && dialog.open).to.equal(true);
        expect(dialog.matches(':modal'), 'not modal').to.equal(false);
        expect(getComputedStyle(dialog).position).to.equal('static');
        // Booleans: chai would print whole elements on a failure.
        expect(part(el, 'trigger') === null, 'no trigger').to.equal(true);
        expect(document.activeElement === before, 'the page keeps its focus').to.equal(true);
        await expect(el).to.be.accessible();

        // Cancel empties the form and leaves it there.
        await typeInto(el, 'current', temporary);
        (part(el, 'cancel') as HTMLButtonElement).click();
        await el.updateComplete;
        expect(el.open && dialog.open).to.equal(true);
        expect(field(el, 'current').value).to.equal('');

        const changed = oneEvent(el, 'mf-pin-code-changed');
        await fillAndSubmit(el, temporary);
        await changed;
        await waitFor(() => messageText(el).startsWith('Your PIN code was changed'));
        // No Close in a page: the one button brings an empty form back, for the next change.
        const again = el.shadowRoot!.querySelector<HTMLButtonElement>('.actions button')!;
        expect(again.textContent!.trim()).to.equal('Change PIN Code');
        again.click();
        await waitFor(() => field(el, 'current'), 'the form again');
        expect(field(el, 'current').value + field(el, 'new').value).to.equal('');
        expect(dialog.open && !dialog.matches(':modal')).to.equal(true);

        // Turned off, it is the modal dialog behind its button again.
        el.inline = false;
        el.open = false;
        await el.updateComplete;
        expect(dialog.open).to.equal(false);
        expect(part(el, 'trigger') !== null, 'the trigger again').to.equal(true);
      } finally {
        before.remove();
      }
    });

    it('opens with show() when the trigger is hidden with no-trigger', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      el.noTrigger = true;
      await el.updateComplete;
      expect(part(el, 'trigger') === null, 'no trigger').to.equal(true);
      el.open = true;
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    });

    it('says so and offers no change when PIN codes are off for the user', async () => {
      await host.signIn('PETER');
      const el = await mount();
      expect(part(el, 'status')!.textContent).to.include('PIN codes are not used for your account.');
      expect(part(el, 'trigger') === null, 'no trigger').to.equal(true);
      await open(el);
      expect(part(el, 'form') === null, 'no form').to.equal(true);
      expect(messageText(el)).to.equal('PIN codes are not used for your account.');
    });
  });
});

const progressText = (el: MfChangePinDialog) => {
  const progress = el.shadowRoot!.querySelector('#progress');
  return progress?.getAttribute('role') === 'status' ? (progress.textContent?.replace(/\s+/g, ' ').trim() ?? '') : '';
};
const statusText = (el: MfChangePinDialog) => part(el, 'status')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const dialogOpen = (el: MfChangePinDialog) => el.shadowRoot!.querySelector('dialog')!.open;

/** Fills the form and sends it with Enter in the confirmation field, as a keyboard user does. */
async function fillAndSend(el: MfChangePinDialog, current: string, newCode = NEW_CODE) {
  await typeInto(el, 'current', current);
  await typeInto(el, 'new', newCode);
  await typeInto(el, 'confirm', newCode);
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('<mf-change-pin-dialog> while a change is sent, and when it is not ready', () => {
  beforeEach(() => startHost());
  afterEach(() => host.stop({ deleteData: true }));

  describe('focus never falls to the page', () => {
    it('stays in the field Enter was pressed in, and "Changing PIN code…" is announced, until the answer', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      const release = holdAnswers();
      await fillAndSend(el, temporary);
      expect(progressText(el)).to.equal('Changing PIN code…');
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect(focused()).to.equal('confirm');
      release();
      await waitFor(() => messageText(el).startsWith('Your PIN code was changed'), 'the change is done');
      expect(progressText(el)).to.equal('');
      expect(focused()).to.equal('message');
    });

    it('stays on the submit button when it was pressed there, and goes to the message after a failure', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      await typeInto(el, 'current', temporary);
      await typeInto(el, 'new', NEW_CODE);
      await typeInto(el, 'confirm', NEW_CODE);
      const release = holdAnswers();
      host.faults.failNextAction = true;
      submitButton(el).focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(progressText(el)).to.equal('Changing PIN code…');
      expect(focused()).to.equal('submit');
      release();
      await waitFor(() => messageText(el), 'the failure is shown');
      expect(messageText(el)).to.equal('The server failed and nothing was changed. Your entries are kept: try again.');
      expect(focused()).to.equal('message');
      await expect(el).to.be.accessible();
    });
  });

  describe('closing the dialog while a change is out', () => {
    it('holds Cancel and Escape, says so, and closes when the answer comes, with the outcome in the status line', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      const release = holdAnswers();
      await fillAndSend(el, temporary);
      part(el, 'cancel')!.click();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.open, 'held open').to.equal(true);
      expect(dialogOpen(el)).to.equal(true);
      expect(progressText(el)).to.equal(
        'Changing PIN code… It can no longer be stopped: this closes as soon as the answer comes.',
      );
      expect(focused()).to.not.equal('body');
      release();
      await waitFor(() => !el.open, 'the dialog closes with the answer');
      expect(dialogOpen(el)).to.equal(false);
      expect(statusText(el)).to.match(/^Your PIN code was changed, and your Resource card R0010 has been updated\. /);
      await waitFor(() => statusText(el).includes('PIN code set on'), 'the status line follows');
      const { resourceId } = await host.client.getSession();
      expect((await host.deviceClient.verifyPinCode(resourceId!, { pinCode: NEW_CODE })).valid).to.equal(true);

      await open(el);
      expect([field(el, 'current').value, field(el, 'new').value, field(el, 'confirm').value]).to.deep.equal([
        '',
        '',
        '',
      ]);
      expect(messageText(el)).to.equal('');
      expect(el.shadowRoot!.querySelector('.error') === null, 'no error').to.equal(true);
      expect(statusText(el)).to.not.include('Your PIN code was changed');
    });

    it('closed anyway (by the page, or a second Escape): the status line says "Changing PIN code…", then the real outcome; it reopens fresh', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      const release = holdAnswers();
      await fillAndSend(el, '11223344');
      el.open = false;
      await el.updateComplete;
      expect(dialogOpen(el)).to.equal(false);
      expect(placesHolding(el, ['11223344', NEW_CODE])).to.deep.equal([]);
      expect(statusText(el)).to.match(/^Changing PIN code… /);
      release();
      await waitFor(() => statusText(el).startsWith('Your PIN code was not changed'), 'the outcome');
      expect(statusText(el)).to.match(
        /^Your PIN code was not changed\. The temporary PIN code is wrong\. 4 attempts left before your PIN code is locked\. You have a temporary PIN code/,
      );
      await open(el);
      expect(field(el, 'current').value).to.equal('');
      expect(fieldError(el, 'current')).to.equal('');
      expect(messageText(el)).to.equal('');
      expect(focused()).to.equal('current');
    });

    it('reopened before the answer: shows "Changing PIN code…", then the outcome, never a half-filled form', async () => {
      const temporary = await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      const release = holdAnswers();
      await fillAndSend(el, temporary);
      el.open = false;
      await el.updateComplete;
      el.show();
      await el.updateComplete;
      expect(dialogOpen(el)).to.equal(true);
      expect(part(el, 'form') === null, 'no form').to.equal(true);
      expect(messageText(el)).to.equal('Changing PIN code…');
      expect(focused()).to.not.equal('body');
      release();
      await waitFor(() => messageText(el).startsWith('Your PIN code was changed'), 'the outcome');
      expect(focused()).to.equal('message');
    });
  });

  describe('a submit button that is not ready says why', () => {
    it('is reachable by Tab, and Enter or a click goes to the first unmet rule and names it, sending nothing', async () => {
      await temporaryCodeFor('ANNA');
      const { client, changes } = recordingClient();
      const el = await mount(client);
      await open(el);
      expect(submitButton(el).disabled).to.equal(false);
      expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
      field(el, 'confirm').focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('submit');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused()).to.equal('current');
      expect(fieldError(el, 'current')).to.equal('Enter your temporary PIN code.');
      expect(field(el, 'current').getAttribute('aria-describedby')).to.include('current-error');

      await typeInto(el, 'current', '58203917');
      expect(fieldError(el, 'current'), 'typing clears it').to.equal('');
      submitButton(el).click();
      await el.updateComplete;
      expect(focused()).to.equal('new');
      expect(fieldError(el, 'new')).to.equal('Enter a new PIN code.');

      await typeInto(el, 'new', '123456');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused()).to.equal('new');
      expect(fieldError(el, 'new')).to.equal('The new PIN code does not meet every rule yet. It is a run of digits.');

      field(el, 'new').select();
      await typeInto(el, 'new', NEW_CODE);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused()).to.equal('confirm');
      expect(fieldError(el, 'confirm')).to.equal('Enter the new PIN code again to confirm it.');

      await typeInto(el, 'confirm', '739205');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(focused()).to.equal('confirm');
      expect(fieldError(el, 'confirm')).to.equal('The two new PIN codes are not the same.');
      await expect(el).to.be.accessible();
      expect(changes()).to.have.length(0);
    });
  });

  describe('words', () => {
    afterEach(() => setLocale(null));

    it('say "Your entries are kept" only where the entries were kept', async () => {
      await temporaryCodeFor('ANNA');
      host.network.offline = true;
      // The change is held until the network has failed and the dialog is closed: a request that is still on its way
      // then, whatever the machine's speed.
      let sendChange!: () => void;
      const { client } = recordingClient({}, new Promise((resolve) => (sendChange = resolve)));
      const el = (
        await fixture<HTMLElement>(
          html`<test-client-provider .client=${client}
            ><mf-change-pin-dialog></mf-change-pin-dialog
          ></test-client-provider>`,
        )
      ).querySelector('mf-change-pin-dialog')!;
      await waitFor(() => statusText(el).includes('could not be loaded'), 'the status line fails');
      expect(statusText(el)).to.equal(
        'Your PIN code status could not be loaded. The server could not be reached. Check your connection and try again.',
      );

      // Sent, then closed, then the network failed: the entries went with the dialog.
      host.network.offline = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="base"] button')!.click();
      await waitFor(() => part(el, 'trigger'), 'the status loads');
      await open(el);
      await fillAndSend(el, '11223344');
      host.network.offline = true;
      el.open = false;
      sendChange();
      await waitFor(() => statusText(el).includes('whether your PIN code was changed'), 'the outcome');
      // No answer came, and the entries went with the dialog: nobody can tell whether the host applied the change.
      expect(statusText(el)).to.match(
        /^It is not known whether your PIN code was changed\. The server could not be reached\. Check your connection and try again\. /,
      );
    });

    it('count the attempts left with the plural rules of the language: 1 attempt, 2 attempts; 1 forsøg, 2 forsøg', async () => {
      const wrong = (remainingAttempts: number) =>
        errorWords(
          new MobileFlowError({ code: 'PinCode_CurrentInvalid', status: 403, message: '', remainingAttempts }),
          { temporary: false },
        );
      expect([wrong(1), wrong(2)]).to.deep.equal([
        'The current PIN code is wrong. 1 attempt left before your PIN code is locked.',
        'The current PIN code is wrong. 2 attempts left before your PIN code is locked.',
      ]);
      // A locale the elements do not speak (French: 0 and 1 are "one") gives English words with English plurals.
      await setLocale('fr-FR');
      expect(wrong(0)).to.equal('The current PIN code is wrong. 0 attempts left before your PIN code is locked.');
      await setLocale('da');
      expect([wrong(1), wrong(2)]).to.deep.equal([
        'Den nuværende pinkode er forkert. 1 forsøg tilbage, før din pinkode spærres.',
        'Den nuværende pinkode er forkert. 2 forsøg tilbage, før din pinkode spærres.',
      ]);
    });
  });

  describe('a lock is shown as soon as it happens', () => {
    it('in the status line and the dialog when the dialog opens after a device locked the user', async () => {
      await temporaryCodeFor('ANNA');
      const el = await mount();
      expect(statusText(el)).to.match(/^You have a temporary PIN code/);
      const { resourceId } = await host.client.getSession();
      for (let attempt = 0; attempt < 5; attempt += 1)
        await host.deviceClient.verifyPinCode(resourceId!, { pinCode: '00000000' }).catch(() => undefined);
      const { lockedUntil } = await host.client.getSession();
      expect(lockedUntil).to.be.a('string');

      await open(el);
      const until = formatDateTime(lockedUntil!);
      expect(statusText(el)).to.equal(`Your PIN code is locked until ${until} after too many wrong attempts.`);
      expect(part(el, 'form') === null, 'no form').to.equal(true);
      expect(messageText(el)).to.equal(
        `Your PIN code is locked until ${until} after too many wrong attempts. Try again after that, or ask your administrator to unlock it.`,
      );
      expect(focused()).to.not.equal('body');
      await expect(el).to.be.accessible();
    });

    it('in the status line with the answer that says so, before the status is reloaded', async () => {
      await host.stop({ deleteData: true });
      await startHost({ policy: { maxFailedAttempts: 3 } });
      await temporaryCodeFor('ANNA');
      const el = await mount();
      await open(el);
      await fillAndSend(el, '11223344');
      await waitFor(() => fieldError(el, 'current').includes('2 attempts left'));
      await typeInto(el, 'current', '11223344');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => fieldError(el, 'current').includes('1 attempt left'));
      host.network.latencyMs = 400;
      await typeInto(el, 'current', '11223344');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => messageText(el).includes('locked'), 'the lock is answered');
      expect(statusText(el)).to.match(/^Your PIN code is locked until /);
    });
  });
});
