import { nextSetup, pinCodeEvent } from '../pin-state.js';
import { isAfter, publicUserSetup } from '../projections.js';
import { administeredSetupId, requireAdministrator } from './administration.js';
import type { ActionUnit } from './unit.js';

/** `POST userSetups({id})/Microsoft.NAV.unlockPinCode`: the administrator ends a lock and clears the count. */
export const unlockPinCode: ActionUnit = {
  target: administeredSetupId,

  async decide({ setup }, request) {
    const { now } = request;
    const updated = nextSetup(setup, { lockedUntil: null, failedAttempts: 0 });
    const wasLocked = isAfter(setup.lockedUntil, now);
    return {
      answer: { status: 200, body: publicUserSetup(updated, now) },
      write: {
        setup: updated,
        events: wasLocked
          ? [pinCodeEvent(setup, 'unlocked', 'administrator', requireAdministrator(request).userId, now)]
          : [],
      },
    };
  },
};
