// The table's modals (issue a temporary PIN code, history) load with the first click that opens one, as its bulk
// actions load with the first selection. A network that drops that load says so in the row and loses nothing, and
// the next click tries again. MSW's service worker stands in for the network: it sees the page's module requests too.
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { tableLoaded } from './support/user-setups.js';

const MODALS = /\/internal\/(issue|history)-dialog\./;
const worker = setupWorker();
let host: MockHost;

before(() =>
  worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true }),
);
after(() => worker.stop());
beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `lazy-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(async () => {
  worker.resetHandlers();
  await host.stop({ deleteData: true });
});

async function mount(): Promise<MfUserSetupTable> {
  const wrapper = await fixture<HTMLElement>(
    html`<test-client-provider .client=${host.client}
      ><mf-user-setup-table></mf-user-setup-table
    ></test-client-provider>`,
  );
  const el = wrapper.querySelector('mf-user-setup-table')!;
  await tableLoaded(el);
  return el;
}

const row = (el: MfUserSetupTable, userId: string) =>
  el.shadowRoot!.querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;

describe('<mf-user-setup-table> loads its modals with the first click', () => {
  // Alone in its file: nothing before it has loaded the modals into this page.
  it('says so in the row when the network drops them, loses nothing, and opens the modal on the next click', async () => {
    worker.use(http.get(MODALS, () => HttpResponse.error()));
    const el = await mount();
    const anna = row(el, 'ANNA');
    const before = text(anna);
    anna.querySelector<HTMLElement>('[data-action="issue"]')!.click();
    await waitFor(() => anna.querySelector('.row-message'), 'a message in the row');
    expect(text(anna.querySelector('.row-message'))).to.equal(
      'The window could not be opened. Check your connection and try again.',
    );
    expect(anna.querySelector('.row-message')!.getAttribute('role')).to.equal('alert');
    const rest = text(anna).replace(text(anna.querySelector('.row-message')), '');
    expect(rest.replace(/\s+/g, ' ').trim(), 'the row as it was').to.equal(before);
    expect(el.shadowRoot!.querySelector('dialog[open]') === null, 'no modal').to.equal(true);
    await expect(el).to.be.accessible();

    // The network is back: the next click loads them and opens the modal.
    worker.resetHandlers();
    anna.querySelector<HTMLElement>('[data-action="issue"]')!.click();
    await waitFor(() => el.shadowRoot!.querySelector('#issue-dialog[open]'), 'the modal opens');
  });
});
