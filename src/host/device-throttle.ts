import type { PinPolicy } from '../domain/index.js';
import { HostError } from './errors.js';
import type { Decision } from './operations/unit.js';
import { pinCodeEvent } from './pin-state.js';
import type { DeviceRecord } from './records.js';
import type { UserState } from './storage.js';

/**
 * The throttle of a device (promise 11): guessing spread over many users is stopped. A device that has sent
 * `maxDeviceFailures` wrong codes within `deviceFailureWindowMinutes`, whoever they were for, is refused every check
 * until the oldest of them has left the window. Decided inside the device's section, so exact under bursts and across
 * processes; per-user lockout (promise 5) goes on as before, and other devices are not affected.
 */

const windowMs = (policy: PinPolicy) => policy.deviceFailureWindowMinutes * 60_000;

/** The device's wrong codes still inside the window at `now`, oldest first. */
const recentFailures = (device: DeviceRecord, now: Date, policy: PinPolicy) =>
  device.failures.filter((at) => Date.parse(at) > now.getTime() - windowMs(policy));

/** The device after one more wrong code at `now`: the latest `maxDeviceFailures` kept, and no longer held back. */
export const deviceAfterFailure = (device: DeviceRecord, now: Date, policy: PinPolicy): DeviceRecord => ({
  ...device,
  failures: [...recentFailures(device, now, policy), now.toISOString()].slice(-policy.maxDeviceFailures),
  heldFor: [],
});

/**
 * The refusal of a device held back: `429 Request_TooManyRequests` with when it may check again (`Retry-After` and
 * `retryAfter`, in seconds), and the `deviceThrottled` event in the history of each user it tried while held back,
 * once. `undefined` while the device may check.
 */
export function throttleRefusal(state: UserState, now: Date, policy: PinPolicy): Decision | undefined {
  const { device, setup } = state;
  if (!device) return undefined;
  const recent = recentFailures(device, now, policy);
  if (recent.length < policy.maxDeviceFailures) return undefined;
  const freeAt = Date.parse(recent[recent.length - policy.maxDeviceFailures]) + windowMs(policy);
  const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  const answer = new HostError(
    'Request_TooManyRequests',
    `This device sent ${policy.maxDeviceFailures} wrong PIN codes within ${policy.deviceFailureWindowMinutes} minutes: it may check again in ${retryAfter} seconds.`,
    { retryAfter },
  ).answer;
  if (device.heldFor.includes(setup.id)) return { answer };
  return {
    answer,
    write: {
      device: { ...device, failures: recent, heldFor: [...device.heldFor, setup.id] },
      events: [pinCodeEvent(setup, 'deviceThrottled', 'device', null, now)],
    },
  };
}
