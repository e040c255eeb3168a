import { pinCodeRequired, type UserSetupChanges } from '../../domain/index.js';
import { HostError } from '../errors.js';
import { nextSetup } from '../pin-state.js';
import { etag, publicUserSetup } from '../projections.js';
import { administeredSetupId } from './administration.js';
import type { ActionUnit } from './unit.js';

/** `PATCH userSetups({id})` with If-Match: the administrator turns the two settings on and off (promise 8). */
export const updateUserSetup: ActionUnit = {
  target: administeredSetupId,

  async decide({ setup, resource }, { body, ifMatch, now }) {
    if (ifMatch === null) {
      throw new HostError(
        'BadRequest_InvalidToken',
        'If-Match is missing: send the @odata.etag the change is based on.',
      );
    }
    // Compared with the version read inside the section: a change that raced this one has already raised it.
    if (ifMatch !== '*' && ifMatch !== etag(setup.version)) {
      throw new HostError(
        'Request_EntityChanged',
        `${setup.userId} was changed by someone else since it was read: read it again.`,
      );
    }
    const { passwordMandatory, allowPinCode } = body as UserSetupChanges;
    const updated = nextSetup(setup, {
      ...(passwordMandatory !== undefined && { passwordMandatory }),
      ...(allowPinCode !== undefined && { allowPinCode }),
    });
    // Decided on the setup as it is now, inside the section: the other setting may have changed since it was read.
    if (updated.passwordMandatory && !updated.allowPinCode) {
      throw new HostError(
        'UserSetup_PasswordNeedsPinCode',
        `Password mandatory needs PIN codes allowed: ${setup.userId} could not sign in on a device at all. ${
          allowPinCode === false ? 'Turn off Password mandatory first.' : 'Allow PIN codes first.'
        }`,
      );
    }
    // The Resource card shows whether a device asks for a PIN code: when that changes, the card is a new state too.
    const cardChanges = resource && pinCodeRequired(updated) !== pinCodeRequired(setup);
    return {
      answer: { status: 200, body: publicUserSetup(updated, now) },
      write: { setup: updated, ...(cardChanges && { resource: { ...resource, version: resource.version + 1 } }) },
    };
  },
};
