import { expect, fixture, html } from '@open-wc/testing';
import { createMobileFlowClient, type MobileFlowClient } from '../src/api/index.js';
import '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import type { MfUserSetupTable } from '../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';
import './support/client-provider.js';
import { text, waitFor } from './support/dom.js';
import { userSetupOf } from './support/user-setups.js';

let host: MockHost;

beforeEach(async () => {
  host = await startMockHost({
    argon2idCost: TEST_ARGON2ID,
    transport: 'direct',
    dbName: `table-sign-in-${crypto.randomUUID()}`,
  });
  await host.signIn('ADMIN');
});
afterEach(() => host.stop({ deleteData: true }));

const shadow = (el: MfUserSetupTable) => el.shadowRoot!;
const row = (el: MfUserSetupTable, userId: string) =>
  shadow(el).querySelector<HTMLTableRowElement>(`tr[data-user-id="${userId}"]`)!;
const signIn = (el: MfUserSetupTable, userId: string) => {
  const line = row(el, userId).querySelector('[data-sign-in]');
  return `${line?.getAttribute('data-sign-in')}: ${text(line)}`;
};
const setupOf = (userId: string) => userSetupOf(host.client, userId);

async function mount(client: MobileFlowClient = host.client): Promise<MfUserSetupTable> {
  const provider = await fixture<HTMLElement>(
    html`<test-client-provider .client=${client}><mf-user-setup-table></mf-user-setup-table></test-client-provider>`,
  );
  const el = provider.querySelector('mf-user-setup-table')!;
  await waitFor(
    () => row(el, 'ANNA') && shadow(el).querySelector('table')!.getAttribute('aria-busy') === 'false',
    'the page loads',
  );
  return el;
}

describe('<mf-user-setup-table> says whether each user can sign in on a device now', () => {
  it('in words, for every case a device meets', async () => {
    const ida = await setupOf('IDA');
    await host.client.updateUserSetup(ida, { allowPinCode: true });
    await host.client.issueTemporaryPinCode(ida.id);
    const freja = await setupOf('FREJA');
    await host.client.updateUserSetup(freja, { passwordMandatory: false, allowPinCode: true });
    await host.client.updateUserSetup(await setupOf('FREJA'), { passwordMandatory: true });
    const julie = await setupOf('JULIE');
    await host.client.updateUserSetup(julie, { passwordMandatory: false, allowPinCode: false });
    const anna = await setupOf('ANNA');
    await host.client.issueTemporaryPinCode(anna.id);
    for (let attempt = 0; attempt < 5; attempt += 1)
      await host.deviceClient.verifyPinCode(anna.resourceId!, { pinCode: '55555555' }).catch(() => undefined);
    const el = await mount();

    expect(signIn(el, 'ADMIN')).to.equal('noResource: No resource: cannot sign in on a device');
    expect(signIn(el, 'JULIE')).to.equal('withoutPinCode: No PIN code: signs in without one');
    expect(signIn(el, 'LARS')).to.equal('withPinCode: Signs in with their PIN code');
    expect(signIn(el, 'IDA')).to.match(/^temporary: Signs in with the temporary code until .+, then must change it$/);
    expect(signIn(el, 'FREJA')).to.equal('needsPinCode: Needs a PIN code: none set — issue a temporary code');
    expect(signIn(el, 'CAMILLA')).to.equal('temporaryExpired: Temporary code expired — issue a new one');
    expect(signIn(el, 'ANNA')).to.match(/^locked: Locked until .+$/);
    await expect(el).to.be.accessible();
  });
});

describe('<mf-user-setup-table> with Password mandatory on', () => {
  it('shows the host’s refusal to turn Allow PIN code off in the same words as its own', async () => {
    // Another administrator turned Password mandatory on meanwhile; this host checks the setting before the etag.
    const client = createMobileFlowClient({
      baseUrl: host.baseUrl,
      fetch: async (input, init) => {
        if (init?.method === 'PATCH' && String(init.body).includes('"allowPinCode":false'))
          return Response.json(
            { error: { code: 'UserSetup_PasswordNeedsPinCode', message: 'Password mandatory needs PIN codes.' } },
            { status: 400 },
          );
        return host.fetch(input, init);
      },
    });
    const el = await mount(client);
    const allow = row(el, 'LARS').querySelector<HTMLInputElement>('input[data-setting="allowPinCode"]')!;
    allow.click();
    await waitFor(() => text(row(el, 'LARS').querySelector('.row-message')));
    expect(text(row(el, 'LARS').querySelector('.row-message'))).to.equal(
      'Turn off Password mandatory first: a user who must use a PIN code needs PIN codes allowed.',
    );
    expect(allow.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
