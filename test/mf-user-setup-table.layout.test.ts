import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { setLocale } from '../src/elements/localization.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { userSetupOf } from './support/user-setups.js';

let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `table-layout-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(async () => {
  await setLocale(null);
  await setViewport({ width: 800, height: 600 });
  await host.stop({ deleteData: true });
});

const shadow = (el: MfUserSetupTable) => el.shadowRoot!;
const row = (el: MfUserSetupTable, userId: string) =>
  shadow(el).querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;

/** Anna locked by wrong codes on a device, so her row has every action: issue, unlock and history. */
async function lockAnna(): Promise<void> {
  const anna = await userSetupOf(host.client, 'ANNA');
  await host.client.issueTemporaryPinCode(anna.id);
  for (let attempt = 0; attempt < 5; attempt += 1)
    await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' }).catch(() => undefined);
}

/** The table as the demo's setup page shows it at 1280 px: a box of 1230 px, in the demo's font. */
async function mountAt1280(): Promise<MfUserSetupTable> {
  await setViewport({ width: 1280, height: 900 });
  const wrapper = await fixture<HTMLElement>(
    html`<test-client-provider
      .client=${host.client}
      style="display: block; width: 1230px; font: 16px/1.5 system-ui, sans-serif"
      ><mf-user-setup-table></mf-user-setup-table
    ></test-client-provider>`,
  );
  const el = wrapper.querySelector('mf-user-setup-table')!;
  await waitFor(() => row(el, 'ANNA'), 'the page loads');
  return el;
}

/** Shows the longest row message there is, at the locked user's row. */
async function showRowMessage(el: MfUserSetupTable): Promise<void> {
  await host.client.updateUserSetup(await userSetupOf(host.client, 'ANNA'), { passwordMandatory: true });
  row(el, 'ANNA').querySelector<HTMLInputElement>('input[data-setting="passwordMandatory"]')!.click();
  await waitFor(() => text(row(el, 'ANNA').querySelector('.row-message')), 'a row message');
}

/** Every place in the table where something is cut: the table wider than its box, or a text wider than its own box. */
function cuts(el: MfUserSetupTable): string[] {
  const scroller = shadow(el).querySelector<HTMLElement>('[part~="scroller"]')!;
  const box = scroller.getBoundingClientRect();
  const found: string[] = [];
  if (scroller.scrollWidth > scroller.clientWidth)
    found.push(`the table is ${scroller.scrollWidth} px wide in a box of ${scroller.clientWidth} px`);
  for (const cell of scroller.querySelectorAll<HTMLElement>('th, td, button, .row-message')) {
    const rect = cell.getBoundingClientRect();
    const name = `${cell.tagName.toLowerCase()} “${text(cell)}”`;
    if (rect.width === 0) continue;
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) found.push(`${name} is outside the box`);
    if (getComputedStyle(cell).overflowX !== 'visible' && cell.scrollWidth > cell.clientWidth)
      found.push(`${name} is cut`);
  }
  for (const button of scroller.querySelectorAll<HTMLElement>('button')) {
    // A label wider than its button spills out of it (or is cut where the button clips): either way not all visible.
    const rect = button.getBoundingClientRect();
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.visually-hidden')) continue;
      const label = document.createRange();
      label.selectNodeContents(node);
      for (const line of label.getClientRects()) {
        if (line.width > 0 && (line.left < rect.left - 0.5 || line.right > rect.right + 0.5))
          found.push(`the label of button “${text(button)}” spills out of it`);
      }
    }
  }
  return found;
}

for (const language of ['en', 'da'] as const) {
  describe(`<mf-user-setup-table> at 1280 px in ${language === 'en' ? 'English' : 'Danish'}`, () => {
    it('fits its box with a locked user and a row message: no sideways scrolling, no word cut', async () => {
      await lockAnna();
      await setLocale(language);
      const el = await mountAt1280();
      expect(row(el, 'ANNA').querySelector('[data-action="unlock"]'), 'Anna is locked').to.not.equal(null);
      await showRowMessage(el);
      expect(cuts(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  });
}
