import type { MobileFlowClient } from '../../src/api/index.js';
import type { UserSetup } from '../../src/domain/index.js';

/** The user setup of `userId` as the host has it now (the search also matches names and other ids, so pick it out). */
export async function userSetupOf(client: MobileFlowClient, userId: string): Promise<UserSetup> {
  const setup = (await client.listUserSetups({ search: userId })).value.find(
    (candidate) => candidate.userId === userId,
  );
  if (!setup) throw new Error(`The host has no user setup ${userId}.`);
  return setup;
}
