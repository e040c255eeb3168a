import { msg, str } from '@lit/localize';
import type { DeviceSignIn, PinCodeEvent, UserSetup } from '../../domain/index.js';
import { getLocale } from '../localization.js';
import { formatCount, formatDate, formatDateTime } from '../words.js';

/** How many users a list holds: "No users", "1 user", "21 users" (plural rules of the elements' locale). */
export function userCountWords(count: number): string {
  if (count === 0) return msg('No users');
  const users = formatCount(count);
  return new Intl.PluralRules(getLocale()).select(count) === 'one' ? msg(str`${users} user`) : msg(str`${users} users`);
}

/** A user setup's PIN code status in words: "Not set", "Temporary until …", "Set on … by the user". */
export function pinCodeStatusWords(
  setup: Pick<UserSetup, 'pinCodeStatus' | 'pinCodeChangedAt' | 'pinCodeChangedBy' | 'temporaryPinCodeExpiresAt'>,
): string {
  switch (setup.pinCodeStatus) {
    case 'notSet':
      return msg('Not set');
    case 'temporary': {
      const until = setup.temporaryPinCodeExpiresAt;
      if (!until) return msg('Temporary');
      return Date.parse(until) <= Date.now()
        ? msg(str`Temporary, expired ${formatDateTime(until)}`)
        : msg(str`Temporary until ${formatDateTime(until)}`);
    }
    case 'set': {
      const on = setup.pinCodeChangedAt && formatDate(setup.pinCodeChangedAt);
      if (setup.pinCodeChangedBy === 'administrator')
        return on ? msg(str`Set on ${on} by an administrator`) : msg('Set by an administrator');
      return on ? msg(str`Set on ${on} by the user`) : msg('Set by the user');
    }
  }
}

/** Whether a user can sign in on a device now, and if not, why and what to do. */
export function deviceSignInWords(signIn: DeviceSignIn): string {
  switch (signIn.kind) {
    case 'noResource':
      return msg('No resource: cannot sign in on a device');
    case 'withoutPinCode':
      return msg('No PIN code: signs in without one');
    case 'withPinCode':
      return msg('Signs in with their PIN code');
    case 'temporary':
      return signIn.until
        ? msg(str`Signs in with the temporary code until ${formatDateTime(signIn.until)}, then must change it`)
        : msg('Signs in with the temporary code, then must change it');
    case 'needsPinCode':
      return msg('Needs a PIN code: none set — issue a temporary code');
    case 'temporaryExpired':
      return msg('Temporary code expired — issue a new one');
    case 'locked':
      return msg(str`Locked until ${formatDateTime(signIn.until)}`);
  }
}

/** What a PIN code event was, in words. */
export function pinCodeEventWords(event: Pick<PinCodeEvent, 'type' | 'actor'>): string {
  switch (event.type) {
    case 'temporaryIssued':
      return msg('Temporary PIN code issued');
    case 'changedByUser':
      return msg('PIN code changed by the user');
    case 'failedAttempt':
      return event.actor === 'device'
        ? msg('Wrong PIN code on a mobile device')
        : msg('Wrong current PIN code in Change PIN Code');
    case 'locked':
      return msg('Locked after too many wrong PIN codes');
    case 'unlocked':
      return msg('Unlocked');
    case 'expired':
      return msg('Temporary PIN code expired');
    case 'deviceThrottled':
      return msg('A mobile device was held back after too many wrong PIN codes for several users');
  }
}

/** Who caused a PIN code event, in words. */
export const pinCodeEventActorWords = (event: Pick<PinCodeEvent, 'actor' | 'actorUserId'>): string =>
  event.actorUserId ?? (event.actor === 'device' ? msg('A mobile device') : msg('The system'));
/** How many users are selected: "1 user selected", "3 users selected" (plural rules of the elements' locale). */
export function selectedCountWords(count: number): string {
  const users = formatCount(count);
  return new Intl.PluralRules(getLocale()).select(count) === 'one'
    ? msg(str`${users} user selected`)
    : msg(str`${users} users selected`);
}

/** Why *Password mandatory* could not go on: PIN codes are off for that user. */
export const allowPinCodeFirstWords = () =>
  msg('Turn on Allow PIN code first: a user who must use a PIN code needs PIN codes allowed.');

/** A save refused because someone else changed the user setup since it was read (`Request_EntityChanged`). */
export const changedMeanwhileWords = () =>
  msg(
    'Someone else changed this user setup meanwhile. It has been reloaded and nothing was saved: check it and try again.',
  );
