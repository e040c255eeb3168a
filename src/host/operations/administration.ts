import { HostError } from '../errors.js';
import type { OperationRequest, HostServices } from './unit.js';

/** Only an administrator (a user with access to the Mobile Flow user setup) may go on. */
export function requireAdministrator({ caller }: OperationRequest): void {
  if (!caller.administrator) {
    throw new HostError('Authorization_Denied', 'You have no access to the Mobile Flow user setup.');
  }
}

/** The setup named in the path, for an administrator; 404 when there is none. */
export async function administeredSetupId(request: OperationRequest, { storage }: HostServices): Promise<string> {
  requireAdministrator(request);
  const setup = request.key ? await storage.userSetup(request.key) : undefined;
  if (!setup) throw new HostError('BadRequest_NotFound', `There is no user setup with id ${request.key}.`);
  return setup.id;
}
