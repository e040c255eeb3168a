import type { MobileFlowClient } from '../../src/api/index.js';
import type { UserSetup } from '../../src/domain/index.js';
import type { MfUserSetupTable } from '../../src/elements/mf-user-setup-table/mf-user-setup-table.js';
import { text, waitFor } from './dom.js';

/** The user setup of `userId` as the host has it now (the search also matches names and other ids, so pick it out). */
export async function userSetupOf(client: MobileFlowClient, userId: string): Promise<UserSetup> {
  const setup = (await client.listUserSetups({ search: userId })).value.find(
    (candidate) => candidate.userId === userId,
  );
  if (!setup) throw new Error(`The host has no user setup ${userId}.`);
  return setup;
}

/** Until `<mf-user-setup-table>` shows the page it asked for. */
export const tablePageShown = (el: MfUserSetupTable) =>
  waitFor(() => el.shadowRoot!.querySelector('table')?.getAttribute('aria-busy') === 'false', 'the page loads');

/** Until `<mf-user-setup-table>` shows the page and, asked after it, the count of what matches. */
export async function tableLoaded(el: MfUserSetupTable): Promise<void> {
  await tablePageShown(el);
  await waitFor(() => !text(el.shadowRoot!.querySelector('[data-position]')).endsWith('Counting…'), 'the count comes');
}
