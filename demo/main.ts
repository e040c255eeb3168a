// The demo page for now: the mock host in this tab, read through the typed client. The elements join in later issues.
import { startMockHost } from '../src/mock/index.js';

const status = document.querySelector<HTMLElement>('#status')!;
const rows = document.querySelector<HTMLTableSectionElement>('#setups')!;

try {
  const host = await startMockHost({ dbName: 'mobile-flow-pin-demo' });
  await host.signIn('ADMIN');
  const page = await host.client.listUserSetups({ top: 25 });
  status.textContent =
    host.transport === 'msw'
      ? `Mock host running at ${host.baseUrl} through a service worker; signed in as ADMIN; ${page['@odata.count']} user setups.`
      : `${host.fallbackReason} Signed in as ADMIN; ${page['@odata.count']} user setups.`;
  for (const setup of page.value) {
    const row = rows.insertRow();
    for (const text of [setup.userId, setup.displayName, setup.resourceNo ?? '', setup.pinCodeStatus]) row.insertCell().textContent = text;
  }
} catch (error) {
  status.textContent = `The mock host could not start: ${error instanceof Error ? error.message : String(error)}`;
}
