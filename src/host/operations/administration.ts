import { HostError } from '../errors.js';
import type { UserSetupRecord } from '../records.js';
import type { HostServices, OperationRequest } from './unit.js';

/** The asking user's setup; a device is no user, and has no session or PIN code of its own. */
export function requireUser({ caller }: OperationRequest): UserSetupRecord {
  if (!caller) throw new HostError('Authorization_Denied', 'A device has no session: sign in as a user.');
  return caller;
}

/** The asking administrator (a user with access to the Mobile Flow user setup); anyone else goes no further. */
export function requireAdministrator(request: OperationRequest): UserSetupRecord {
  if (!request.caller?.administrator) {
    throw new HostError('Authorization_Denied', 'You have no access to the Mobile Flow user setup.');
  }
  return request.caller;
}

/** The setup named in the path, for an administrator; 404 when there is none. */
export async function administeredSetupId(request: OperationRequest, { storage }: HostServices): Promise<string> {
  requireAdministrator(request);
  const setup = request.key ? await storage.userSetup(request.key) : undefined;
  if (!setup) throw new HostError('BadRequest_NotFound', `There is no user setup with id ${request.key}.`);
  return setup.id;
}
