import { HostError } from '../errors.js';
import type { UserSetupRecord } from '../records.js';
import type { HostServices, OperationRequest } from './unit.js';

/** The asking user's setup; a device is no user, and has no session or PIN code of its own. */
export function requireUser({ caller }: OperationRequest): UserSetupRecord {
  if (!caller) throw new HostError('Authorization_Denied', 'A device has no session: sign in as a user.');
  return caller;
}

/**
 * The asking device's name (promise 11): only a device checks a PIN code. A user or an administrator who tries is
 * refused before anything is read or counted, whoever the card is.
 */
export function requireDevice({ identity }: OperationRequest): string {
  if (!('device' in identity)) {
    throw new HostError(
      'Authorization_Denied',
      'Only a device checks a PIN code: a user changes their own with the Change PIN Code dialog.',
    );
  }
  return identity.device;
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
