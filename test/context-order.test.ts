// The README's embedding pattern in every order: elements in the page's HTML before the provider exists (the page's
// module script runs after its HTML was parsed), a provider made later after an await, and a provider element defined
// after the elements inside it. Each element finds the client whenever the provider comes, and never says "No host
// connection is configured" for good.
import { ContextProvider } from '@lit/context';
import { expect } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { mobileFlowClientContext } from '../src/api/index.js';
import '../src/elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { startMockHost, TEST_ARGON2ID, type MockHost } from '../src/mock/index.js';
import { waitFor } from './support/dom.js';

let host: MockHost;
let page: HTMLElement;
beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `order-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
  page = document.createElement('div');
  document.body.append(page);
});
afterEach(async () => {
  page.remove();
  await host.stop({ deleteData: true });
});

const ELEMENTS = '<mf-change-pin-dialog></mf-change-pin-dialog><mf-user-setup-table></mf-user-setup-table>';

/** Both elements work through the provided client: the status line and the table's rows come from the host. */
async function bothWork(root: ParentNode) {
  const dialog = root.querySelector('mf-change-pin-dialog')!;
  const table = root.querySelector('mf-user-setup-table')!;
  const status = () => dialog.shadowRoot!.querySelector('[part~="status"]')?.textContent ?? '';
  await waitFor(() => status() && !/No host connection|Loading/.test(status()), 'the status line from the host');
  await waitFor(() => table.shadowRoot!.querySelector('tr[data-user-id="ANNA"]'), "the table's rows from the host");
  expect(status()).to.not.include('No host connection');
}

describe('the elements find a client provider made after them', () => {
  it("the README's pattern: the elements in the HTML, the provider made afterwards by the page's script", async () => {
    page.innerHTML = ELEMENTS; // parsed, upgraded and connected: each asks for a client, and nobody answers yet
    new ContextProvider(page, { context: mobileFlowClientContext, initialValue: host.client });
    await bothWork(page);
  });

  it('a provider made later, after an await, that announces itself with hostConnected()', async () => {
    page.innerHTML = ELEMENTS;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dialog = page.querySelector('mf-change-pin-dialog')!;
    expect(dialog.shadowRoot!.textContent).to.include('No host connection is configured.');
    const provider = new ContextProvider(page, { context: mobileFlowClientContext, initialValue: host.client });
    provider.hostConnected();
    await bothWork(page);
  });

  it('a provider element defined after the elements inside it (an app shell loaded later)', async () => {
    const tag = `late-provider-${crypto.randomUUID()}`;
    page.innerHTML = `<${tag}>${ELEMENTS}</${tag}>`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const client = host.client;
    customElements.define(
      tag,
      class extends LitElement {
        readonly provider = new ContextProvider(this, { context: mobileFlowClientContext, initialValue: client });
        override render() {
          return html`<slot></slot>`;
        }
      },
    );
    await bothWork(page);
  });
});
