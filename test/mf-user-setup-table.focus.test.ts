import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMobileFlowClient, type MobileFlowClient } from '../src/api/index.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { setLocale } from '../src/elements/localization.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { tableLoaded } from './support/user-setups.js';

let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `table-focus-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(async () => {
  await setLocale(null);
  await host.stop({ deleteData: true });
});

const shadow = (el: MfUserSetupTable) => el.shadowRoot!;
const row = (el: MfUserSetupTable, userId: string) =>
  shadow(el).querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;
/**
 * Where focus is, as a person would name it: the element in the table's shadow root that has it, by its data
 * attributes or part; 'the page' when it fell to the body. (Comparing elements would print the whole DOM on a failure.)
 */
function focusIn(el: MfUserSetupTable): string {
  if (document.activeElement !== el) return document.activeElement === document.body ? 'the page' : 'elsewhere';
  const active = shadow(el).activeElement;
  if (!active) return 'the table itself';
  const names = [...active.attributes]
    .filter((attribute) => attribute.name.startsWith('data-') || attribute.name === 'part')
    .map((attribute) => `${attribute.name}=${attribute.value}`);
  const user = active.closest('tr[data-user-id]')?.getAttribute('data-user-id');
  return [active.tagName.toLowerCase(), ...names, ...(user ? [`of ${user}`] : [])].join(' ');
}
const position = (el: MfUserSetupTable) => text(shadow(el).querySelector('[data-position]'));

async function mount(
  options: { client?: MobileFlowClient; pageSize?: number; ready?: (el: MfUserSetupTable) => unknown } = {},
): Promise<MfUserSetupTable> {
  const provider = await fixture<HTMLElement>(
    html`<test-client-provider .client=${options.client ?? host.client}
      ><mf-user-setup-table page-size=${options.pageSize ?? 50}></mf-user-setup-table
    ></test-client-provider>`,
  );
  const el = provider.querySelector('mf-user-setup-table')!;
  await waitFor(() => (options.ready ?? ((table) => row(table, 'ANNA')))(el), 'the element loads');
  return el;
}

/** A client whose answers to page loads (and counts) wait until the test lets them go. */
function heldClient() {
  const held: (() => void)[] = [];
  let hold = false;
  const client = createMobileFlowClient({
    baseUrl: host.baseUrl,
    fetch: async (input, init) => {
      if (hold && String(input).includes('userSetups?')) await new Promise<void>((resolve) => held.push(resolve));
      return host.fetch(input, init);
    },
  });
  return { client, hold: () => (hold = true), release: () => held.splice(0).forEach((release) => release()) };
}

/** WCAG's relative luminance of an `rgb(…)` / `rgba(…)` colour. */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((channel) => {
      const c = Number(channel) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};
/** The colour behind an element: the first opaque background on its way up, through shadow roots; else the canvas. */
function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node;) {
    const color = getComputedStyle(node).backgroundColor;
    if (!/rgba\(.*, 0\)$/.test(color) && color !== 'transparent') return color;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return 'rgb(255, 255, 255)';
}

describe('<mf-user-setup-table> keeps focus where the administrator is', () => {
  it('keeps focus on a setting pressed with Space, after it saves and after it fails', async () => {
    const el = await mount();
    await tableLoaded(el);
    const mandatory = row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!;
    mandatory.focus();
    const changed = oneEvent(el, 'mf-user-setup-changed');
    await sendKeys({ press: 'Space' });
    await changed;
    await waitFor(() => row(el, 'LARS').getAttribute('aria-busy') === 'false', 'the row has saved');
    expect(focusIn(el), 'after the save').to.equal('input data-setting=passwordMandatory of LARS');

    host.faults.failNextRequest = true;
    await sendKeys({ press: 'Space' });
    await waitFor(() => text(row(el, 'LARS').querySelector('.row-message')).startsWith('Not saved.'));
    expect(mandatory.checked).to.equal(true);
    expect(focusIn(el), 'after the error').to.equal('input data-setting=passwordMandatory of LARS');
    await expect(el).to.be.accessible();
  });

  it('moves focus to Previous when Next takes it onto the last page', async () => {
    const el = await mount({ pageSize: 10 });
    await tableLoaded(el);
    const next = shadow(el).querySelector<HTMLButtonElement>('[data-page="next"]')!;
    next.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => position(el).includes('page 2 of 3'));
    expect(focusIn(el)).to.equal('button data-page=next');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => position(el).includes('page 3 of 3'));
    await tableLoaded(el);
    expect(next.disabled).to.equal(true);
    expect(focusIn(el)).to.equal('button data-page=previous');
  });

  it('keeps focus in the element when Try again after a failed load is replaced by the answer', async () => {
    host.faults.failNextRequest = true;
    const el = await mount({ ready: (table) => shadow(table).querySelector('[part~="state"][role="alert"]') });
    const tryAgain = shadow(el).querySelector<HTMLButtonElement>('[part~="state"] button')!;
    tryAgain.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => row(el, 'ANNA'), 'the page loads');
    await tableLoaded(el);
    expect(focusIn(el)).to.equal('div part=scroller');
  });
});

describe('<mf-user-setup-table> can be seen', () => {
  it('draws its focus ring at 3:1 or more against every background it sits on', async () => {
    const el = await mount();
    await tableLoaded(el);
    const targets = [
      shadow(el).querySelector<HTMLElement>('#search')!,
      shadow(el).querySelector<HTMLElement>('#locked-filter')!,
      shadow(el).querySelector<HTMLElement>('[part~="scroller"]')!,
      shadow(el).querySelector<HTMLElement>('th button')!,
      row(el, 'ANNA').querySelector<HTMLElement>('input[data-setting="allowPinCode"]')!,
      row(el, 'ANNA').querySelector<HTMLElement>('[data-action="issue"]')!,
      shadow(el).querySelector<HTMLElement>('#page-size')!,
    ];
    // Tab once so that the focus that follows is keyboard focus, which :focus-visible draws.
    targets[0].focus();
    await sendKeys({ press: 'Tab' });
    const rings: string[] = [];
    for (const target of targets) {
      target.focus();
      expect(target.matches(':focus-visible'), `${target.id || target.tagName} shows its focus`).to.equal(true);
      const style = getComputedStyle(target);
      expect(style.outlineStyle, target.id || target.tagName).to.not.equal('none');
      const ratio = contrast(style.outlineColor, backgroundBehind(target.parentElement!));
      rings.push(`${target.id || target.getAttribute('data-action') || target.tagName}: ${ratio.toFixed(2)}`);
      expect(ratio, `${target.id || target.tagName} on ${backgroundBehind(target.parentElement!)}`).to.be.at.least(3);
    }

    // In the modal, the ring sits on the dialog's surface.
    row(el, 'ANNA').querySelector<HTMLElement>('[data-action="issue"]')!.click();
    await waitFor(() => shadow(el).querySelector('#issue-dialog'), 'the modal, loaded on the first click');
    const dialog = shadow(el).querySelector<HTMLDialogElement>('#issue-dialog')!;
    await waitFor(() => dialog.open && dialog.querySelector('button[type="submit"]'));
    for (const button of dialog.querySelectorAll<HTMLElement>('button, input')) {
      button.focus();
      const ratio = contrast(getComputedStyle(button).outlineColor, backgroundBehind(button.parentElement!));
      expect(ratio, `${text(button) || button.id} in the dialog`).to.be.at.least(3);
    }
  });

  it('shows a page that loads without dimming its rows, and makes them inert until it has loaded', async () => {
    const held = heldClient();
    const el = await mount({ client: held.client });
    await tableLoaded(el);
    held.hold();
    el.reload();
    await waitFor(() => shadow(el).querySelector('table')!.getAttribute('aria-busy') === 'true');
    const tbody = shadow(el).querySelector('tbody')!;
    expect(tbody.inert, 'the rows take no clicks while they are replaced').to.equal(true);
    for (let node: Element | null = row(el, 'ANNA').querySelector('button'); node && node !== el;) {
      expect(getComputedStyle(node).opacity, node.tagName).to.equal('1');
      node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host;
    }
    await expect(el).to.be.accessible();
    held.release();
    await tableLoaded(el);
    expect(tbody.inert).to.equal(false);
  });
});

describe('<mf-user-setup-table> pager', () => {
  for (const [language, one, none] of [
    ['en', '1 user', 'No users'],
    ['da', '1 bruger', 'Ingen brugere'],
  ] as const) {
    it(`says “${one}” and “${none}” (${language})`, async () => {
      await setLocale(language);
      const el = await mount();
      await tableLoaded(el);
      const search = shadow(el).querySelector<HTMLInputElement>('#search')!;
      search.focus();
      await sendKeys({ type: 'anna' });
      await waitFor(() => shadow(el).querySelectorAll('tr[data-user-id]').length === 1);
      await tableLoaded(el);
      expect(position(el)).to.equal(one);
      search.select();
      await sendKeys({ type: 'nobody here' });
      await waitFor(() => shadow(el).querySelectorAll('tr[data-user-id]').length === 0);
      await tableLoaded(el);
      expect(position(el)).to.equal(none);
      await expect(el).to.be.accessible();
    });
  }
});
