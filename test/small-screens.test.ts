// Both elements on phones and tablets (320, 360 and 768 px wide), by touch, in English and in Danish: nothing wider
// than the screen, targets of 44×44 CSS px by touch (24×24 with a mouse), the setup's rows as cards, and the work done
// by taps: a temporary PIN code issued, and the user's PIN change with the on-screen keyboard up.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import type { MfChangePinDialog } from '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { setLocale } from '../src/elements/localization.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { tablePageShown, userSetupOf } from './support/user-setups.js';

const NEW_CODE = '739204';
let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `small-screens-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(async () => {
  await executeServerCommand('emulate-touch', false);
  await setLocale(null);
  await setViewport({ width: 800, height: 600 });
  await host.stop({ deleteData: true });
});

/** A phone or tablet of `width` × `height` CSS px, with a touch screen. */
async function useDevice(width: number, height = 740): Promise<void> {
  await setViewport({ width, height });
  await executeServerCommand('emulate-touch', true);
}

/** Every element in `root` and the open shadow roots inside it. */
function* allElements(root: Document | ShadowRoot | Element): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* allElements(element.shadowRoot);
  }
}

/** A short name for a failure message: tag, id or part, and the first words of its text. */
const nameOf = (element: Element) =>
  `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${
    element.getAttribute('part') ? ` part=${element.getAttribute('part')}` : ''
  }> “${text(element).slice(0, 40)}”`;

/** Whatever sticks out of the screen sideways, and the page's own sideways scrolling. */
function widerThanScreen(): string[] {
  const found: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) found.push(`the page scrolls sideways: ${root.scrollWidth} px in ${innerWidth}`);
  for (const element of allElements(document)) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || element.closest('.visually-hidden')) continue;
    if (rect.left < -0.5 || rect.right > innerWidth + 0.5)
      found.push(`${nameOf(element)} spans ${Math.round(rect.left)}–${Math.round(rect.right)} px`);
  }
  return found;
}

/**
 * The box a finger or pointer hits for each control in `root`: a checkbox's is its label's (a click on the label
 * checks it); the ones smaller than `size` × `size`.
 */
function smallTargets(root: ShadowRoot, size: number): string[] {
  const found: string[] = [];
  for (const control of allElements(root)) {
    if (!control.matches('button, select, input, [role="button"], a[href]')) continue;
    const target = control.closest('label') ?? control;
    const rect = target.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // not shown (a closed modal, a hidden input)
    if (rect.width < size - 0.01 || rect.height < size - 0.01)
      found.push(`${nameOf(control)}: ${rect.width.toFixed(1)}×${rect.height.toFixed(1)}`);
  }
  return found;
}

/** Taps the middle of `element` (a checkbox: of its label) with one finger, after scrolling it into view if need be. */
async function tap(element: Element): Promise<void> {
  const target = (element.matches('input[type="checkbox"]') && element.closest('label')) || element;
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const rect = target.getBoundingClientRect();
  const [x, y] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
  // What a finger there would touch: the target or something inside it, not something over it.
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot?.elementFromPoint(x, y) && hit.shadowRoot.elementFromPoint(x, y) !== hit)
    hit = hit.shadowRoot.elementFromPoint(x, y);
  if (!hit || !target.contains(hit)) throw new Error(`${nameOf(target)} is under ${hit ? nameOf(hit) : 'nothing'}.`);
  await executeServerCommand('tap', { x, y });
}

async function mountTable(): Promise<MfUserSetupTable> {
  const wrapper = await fixture<HTMLElement>(
    html`<test-client-provider .client=${host.client} style="display: block; font: 16px/1.5 system-ui, sans-serif"
      ><mf-user-setup-table></mf-user-setup-table
    ></test-client-provider>`,
  );
  const el = wrapper.querySelector('mf-user-setup-table')!;
  await tablePageShown(el);
  return el;
}

/** What `find` finds, once it finds it. */
async function found<T>(find: () => T | null | undefined, what: string): Promise<T> {
  await waitFor(() => find(), what);
  return find()!;
}

/**
 * Anna locked by wrong codes on a device, with a password mandatory: her row has every action and the longest
 * status, and turning Allow PIN code off shows the longest row message.
 */
async function lockAnna(): Promise<void> {
  await host.client.updateUserSetup(await userSetupOf(host.client, 'ANNA'), { passwordMandatory: true });
  const anna = await userSetupOf(host.client, 'ANNA');
  await host.client.issueTemporaryPinCode(anna.id);
  for (let attempt = 0; attempt < 5; attempt += 1)
    await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' }).catch(() => undefined);
}

const row = (el: MfUserSetupTable, userId: string) =>
  el.shadowRoot!.querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;

for (const language of ['en', 'da'] as const) {
  for (const width of [320, 360, 768]) {
    describe(`<mf-user-setup-table> ${width} px wide, by touch, in ${language === 'en' ? 'English' : 'Danish'}`, () => {
      it('shows each user as a card that fits, with targets of 44 px, and issues a temporary PIN code by taps', async () => {
        await lockAnna();
        await setLocale(language);
        await useDevice(width);
        expect(matchMedia('(pointer: coarse)').matches, 'the touch screen is emulated').to.equal(true);
        const el = await mountTable();
        const shadow = el.shadowRoot!;
        // A row message too: the longest a card shows.
        await tap(row(el, 'ANNA').querySelector('input[data-setting="allowPinCode"]')!);
        await waitFor(() => text(row(el, 'ANNA').querySelector('.row-message')), 'a row message');

        expect(getComputedStyle(row(el, 'ANNA')).display, 'a row is a card').to.equal('flex');
        expect(widerThanScreen()).to.deep.equal([]);
        expect(smallTargets(shadow, 44)).to.deep.equal([]);
        // Each card names its settings in words, and they can be read.
        expect(text(row(el, 'ANNA').querySelector('td.setting'))).to.not.equal('');

        // Select Anna by her card's checkbox: the bulk actions come, and they fit too.
        await tap(row(el, 'ANNA').querySelector('input[data-select]')!);
        await waitFor(() => shadow.querySelector('[part~="bulk-actions"]'), 'the bulk actions');
        expect(widerThanScreen()).to.deep.equal([]);
        expect(smallTargets(shadow, 44)).to.deep.equal([]);

        // Issue Anna a temporary PIN code by taps only: the modal fits the screen and shows the code.
        await tap(row(el, 'ANNA').querySelector('[data-action="issue"]')!);
        const dialog = await found(() => shadow.querySelector<HTMLDialogElement>('#issue-dialog[open]'), 'the modal');
        await tap(dialog.querySelector('button[type="submit"]')!);
        await waitFor(() => dialog.querySelector('output'), 'the code is shown');
        expect(widerThanScreen()).to.deep.equal([]);
        expect(smallTargets(shadow, 44)).to.deep.equal([]);
        await tap(dialog.querySelector('[data-first-focus]')!);
        await waitFor(() => !dialog.open, 'the modal closes');
        await expect(el).to.be.accessible();
      });
    });
  }

  describe(`the user setup's other modals on a 320 px phone, in ${language === 'en' ? 'English' : 'Danish'}`, () => {
    it('issues codes to two users at once, shows their slips and a history, by taps, all within the screen', async () => {
      await lockAnna();
      await setLocale(language);
      await useDevice(320);
      const el = await mountTable();
      const shadow = el.shadowRoot!;
      for (const userId of ['ANNA', 'LARS']) await tap(row(el, userId).querySelector('input[data-select]')!);
      await tap(await found(() => shadow.querySelector('[data-bulk="issue"]'), 'the bulk actions'));
      const bulk = await found(() => shadow.querySelector<HTMLDialogElement>('#bulk-issue-dialog[open]'), 'the modal');
      await tap(await found(() => bulk.querySelector('button[type="submit"]'), 'its confirmation'));
      await waitFor(() => bulk.querySelectorAll('[part~="slip"]').length === 2, 'two slips');
      expect(widerThanScreen()).to.deep.equal([]);
      expect(smallTargets(shadow, 44)).to.deep.equal([]);
      await tap(bulk.querySelector('[data-bulk="done"]')!);
      await waitFor(() => !bulk.open, 'the modal closes');

      await tap(row(el, 'ANNA').querySelector('[data-action="history"]')!);
      const history = await found(
        () => shadow.querySelector<HTMLDialogElement>('#history-dialog[open]'),
        'the history',
      );
      await waitFor(() => history.querySelectorAll('li[data-event]').length > 2, 'the events');
      expect(widerThanScreen()).to.deep.equal([]);
      expect(smallTargets(shadow, 44)).to.deep.equal([]);
      await expect(el).to.be.accessible();
      await tap(history.querySelector('[data-first-focus]')!);
      await waitFor(() => !history.open, 'the history closes');
    });
  });

  describe(`<mf-change-pin-dialog> on a 320 × 568 phone, in ${language === 'en' ? 'English' : 'Danish'}`, () => {
    it('is changed by taps with the on-screen keyboard up: a number pad, the checklist and the submit button in reach', async () => {
      await host.client.issueTemporaryPinCode((await userSetupOf(host.client, 'ANNA')).id, { pinCode: '246813' });
      await host.signIn('ANNA');
      await setLocale(language);
      await useDevice(320, 568);
      const wrapper = await fixture<HTMLElement>(
        html`<test-client-provider .client=${host.client} style="display: block; font: 16px/1.5 system-ui, sans-serif"
          ><mf-change-pin-dialog></mf-change-pin-dialog
        ></test-client-provider>`,
      );
      const el = wrapper.querySelector<MfChangePinDialog>('mf-change-pin-dialog')!;
      const shadow = el.shadowRoot!;
      await tap(await found(() => shadow.querySelector('[part="trigger"]'), 'the trigger'));
      const dialog = await found(() => shadow.querySelector<HTMLDialogElement>('dialog[open]'), 'the dialog');
      const fields = await found(() => {
        const inputs = [...dialog.querySelectorAll<HTMLInputElement>('input')];
        return inputs.length === 3 ? inputs : undefined;
      }, 'the form');
      for (const field of fields) {
        expect(field.inputMode, `${field.id} brings up a number pad`).to.equal('numeric');
        expect(field.autocomplete, `${field.id}'s autocomplete`).to.match(
          /^(current-password|new-password|one-time-code)$/,
        );
      }
      expect(widerThanScreen()).to.deep.equal([]);
      expect(smallTargets(shadow, 44)).to.deep.equal([]);

      const [current, next, repeated] = fields;
      for (const [field, value] of [
        [current, '246813'],
        [next, NEW_CODE],
        [repeated, NEW_CODE],
      ] as const) {
        await tap(field);
        await waitFor(() => shadow.activeElement === field, `${field.id} has focus`);
        await sendKeys({ type: value });
      }
      // The on-screen keyboard up takes about half of the screen: what is left is 320 × 300.
      await useDevice(320, 300);
      // The checklist is all there to read, none of it wider than the screen.
      const checklist = dialog.querySelector('[part="checklist"]')!;
      expect(checklist.querySelectorAll('li[data-met="false"]').length, 'every rule met').to.equal(0);
      expect(widerThanScreen()).to.deep.equal([]);
      // The modal fits above the keyboard, and its submit button is in view in it, where the typing left it.
      const modal = dialog.getBoundingClientRect();
      expect(modal.top >= 0 && modal.bottom <= innerHeight + 0.5, `the modal fits above the keyboard`).to.equal(true);
      const submit = dialog.querySelector('[part~="submit"]')!;
      const button = submit.getBoundingClientRect();
      expect(button.top >= modal.top && button.bottom <= modal.bottom + 0.5, 'the submit button is in view').to.equal(
        true,
      );
      await tap(submit);
      await waitFor(() => shadow.querySelector('[part="message"].success'), 'the change is done');
      expect(widerThanScreen()).to.deep.equal([]);
      await host.signIn('ADMIN');
      expect((await userSetupOf(host.client, 'ANNA')).pinCodeStatus).to.equal('set');
      await expect(el).to.be.accessible();
    });
  });
}

describe('targets with a mouse, and 200 % zoom', () => {
  it('every control of the table is 24 × 24 px or more at 1280 px, with a mouse', async () => {
    await lockAnna();
    await setViewport({ width: 1280, height: 900 });
    const el = await mountTable();
    expect(matchMedia('(pointer: coarse)').matches, 'no touch screen').to.equal(false);
    expect(getComputedStyle(row(el, 'ANNA')).display, 'a row is a table row').to.equal('table-row');
    expect(smallTargets(el.shadowRoot!, 24)).to.deep.equal([]);
  });

  it('at 200 % zoom on a 1280 px screen (640 CSS px) the rows reflow into cards, with no sideways scrolling', async () => {
    await lockAnna();
    // The browser's zoom: twice the device pixels per CSS px, half the CSS px across.
    await setViewport({ width: 640, height: 450, deviceScaleFactor: 2 } as Parameters<typeof setViewport>[0]);
    const el = await mountTable();
    expect(getComputedStyle(row(el, 'ANNA')).display, 'a row is a card').to.equal('flex');
    expect(widerThanScreen()).to.deep.equal([]);
    expect(smallTargets(el.shadowRoot!, 24)).to.deep.equal([]);
    // The focus ring as at 1280 px: 3 px, around a checkbox reached by the keyboard.
    row(el, 'ANNA').querySelector<HTMLInputElement>('input[data-select]')!.focus();
    expect(getComputedStyle(row(el, 'ANNA').querySelector('input[data-select]')!).outlineWidth).to.equal('3px');
  });
});
