// The words both elements say: dates and counts, PIN rule violations and errors. Each element's own words are in its
// folder (mf-change-pin-dialog/words.ts, mf-user-setup-table/words.ts), so a placement does not load the other's.
import { msg, str } from '@lit/localize';
import type { PinRuleViolation } from '../domain/index.js';
import { MobileFlowError } from '../api/errors.js';
import type { TransportError } from '../api/transport-error.js';
import { getLocale, languageOf } from './localization.js';

// Made once per locale: a table page formats a hundred dates, and making a formatter costs more than using one.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const format = (iso: string, options: Intl.DateTimeFormatOptions) => {
  const key = `${getLocale()} ${options.timeStyle}`;
  let dateFormat = dateFormats.get(key);
  if (!dateFormat) dateFormats.set(key, (dateFormat = new Intl.DateTimeFormat(getLocale(), options)));
  return dateFormat.format(new Date(iso));
};

/** A date and time in the elements' locale and the user's time zone: "26 Nov 2026, 10:15". */
export const formatDateTime = (iso: string) => format(iso, { dateStyle: 'medium', timeStyle: 'short' });

/** A date in the elements' locale: "26 Nov 2026". */
export const formatDate = (iso: string) => format(iso, { dateStyle: 'medium' });

/** A count in the elements' locale: "100,000". */
export const formatCount = (value: number) => value.toLocaleString(getLocale());

/** Why the host refused a PIN code, one sentence per broken rule. */
export function violationWords(violation: PinRuleViolation): string {
  switch (violation.rule) {
    case 'digitsOnly':
      return msg('It may only contain the digits 0 to 9.');
    case 'tooShort':
      return violation.minLength === undefined
        ? msg('It is too short.')
        : msg(str`It is shorter than ${violation.minLength} digits.`);
    case 'tooLong':
      return violation.maxLength === undefined
        ? msg('It is too long.')
        : msg(str`It is longer than ${violation.maxLength} digits.`);
    case 'repeatedDigit':
      return msg('It is one digit repeated.');
    case 'sequence':
      return msg('It is a run of digits.');
    case 'repeatedGroup':
      return msg('It is a repeated group of digits.');
    case 'common':
      return msg('It is one of the most common PIN codes.');
    case 'recentlyUsed':
      return violation.historyDepth === undefined
        ? msg('It is one of your recent PIN codes.')
        : msg(str`It is one of your last ${violation.historyDepth} PIN codes.`);
    case 'sameAsTemporary':
      return msg('It is the temporary PIN code.');
    case 'administratorMayNotChoose':
      return msg('An administrator may not choose PIN codes; the system generates them.');
  }
}

/** How `errorWords` speaks about the failed call. */
export interface ErrorWordsOptions {
  /** The code checked was a temporary PIN code rather than the current one. */
  temporary?: boolean;
  /** What the user typed is still on screen, so the words may say "Your entries are kept". Default true. */
  kept?: boolean;
}

/** "1 attempt left …", "2 attempts left …": the plural form by the rules of the language the words are in. */
function attemptsLeftWords(left: number): string {
  const count = formatCount(left);
  // The words' language, not the locale of dates: French dates with English words still count in English.
  return new Intl.PluralRules(languageOf(getLocale())).select(left) === 'one'
    ? msg(str`${count} attempt left before your PIN code is locked.`)
    : msg(str`${count} attempts left before your PIN code is locked.`);
}

/**
 * The words for a failed call: one place maps every code to a sentence, so no one ever sees an error object. They say
 * "Your entries are kept" only when `kept` is true: a caller whose entries are gone (a closed dialog, a status line)
 * passes `kept: false`.
 */
export function errorWords(error: unknown, options: ErrorWordsOptions = {}): string {
  const { temporary = false, kept = true } = options;
  if (!(error instanceof MobileFlowError))
    return kept
      ? msg('Something went wrong. Your entries are kept: try again.')
      : msg('Something went wrong. Try again.');
  switch (error.code) {
    case 'PinCode_CurrentInvalid': {
      const wrong = temporary ? msg('The temporary PIN code is wrong.') : msg('The current PIN code is wrong.');
      const left = error.remainingAttempts;
      return left === undefined ? wrong : `${wrong} ${attemptsLeftWords(left)}`;
    }
    case 'PinCode_Locked':
      return error.lockedUntil
        ? msg(str`Too many wrong PIN codes: your PIN code is locked until ${formatDateTime(error.lockedUntil)}.`)
        : msg('Too many wrong PIN codes: your PIN code is locked for now.');
    case 'PinCode_TemporaryExpired':
      return msg('Your temporary PIN code has expired. Ask your administrator for a new one.');
    case 'PinCode_PolicyViolation':
      return [msg('The new PIN code was refused.'), ...(error.details ?? []).map(violationWords)].join(' ');
    case 'PinCode_NotAllowed':
      return msg('PIN codes are not allowed for your account. Ask your administrator if you need one.');
    case 'UserSetup_PasswordNeedsPinCode':
      return passwordNeedsPinCodeWords();
    case 'PinCode_NotSet':
      return msg(
        'No PIN code is set for this user, so a device cannot sign them in. Ask your administrator for a temporary PIN code.',
      );
    case 'Authentication_InvalidCredentials':
      return msg('Your session has ended. Sign in again, then change your PIN code.');
    case 'Authorization_Denied':
      return msg('You do not have access to this.');
    case 'Client_NetworkFailure':
      if ((error.cause as TransportError | undefined)?.failure === 'refused')
        return msg('Business Central refused the request. Try again in a moment.');
      return kept
        ? msg('The server could not be reached. Your entries are kept: check your connection and try again.')
        : msg('The server could not be reached. Check your connection and try again.');
    case 'Client_Timeout':
      return kept
        ? msg('The server did not answer in time. Your entries are kept: try again.')
        : msg('The server did not answer in time. Try again.');
    case 'Internal_ServerError':
      return kept
        ? msg('The server failed and nothing was changed. Your entries are kept: try again.')
        : msg('The server failed and nothing was changed. Try again.');
    case 'Request_EntityChanged':
      return msg('Someone else changed this at the same time. Try again.');
    case 'Request_IdempotencyKeyReused':
      return kept
        ? msg(
            'This was already sent once with other entries, so it was not sent again. Your entries are kept: try again.',
          )
        : msg('This was already sent once with other entries, so it was not sent again. Try again.');
    case 'BadRequest_NotFound':
      return msg('This no longer exists: it may have been removed meanwhile. Reload the page.');
    case 'Request_TooManyRequests':
      return msg('Too many wrong PIN codes came from this device. Wait a few minutes, then try again.');
    case 'BadRequest_Malformed':
    case 'BadRequest_UnsupportedMediaType':
    case 'BadRequest_InvalidToken':
      return kept
        ? msg(
            'The server could not read the request, and nothing was changed. Your entries are kept: try again, and tell your administrator if it happens again.',
          )
        : msg(
            'The server could not read the request, and nothing was changed. Try again, and tell your administrator if it happens again.',
          );
    default:
      return kept
        ? msg(str`Something went wrong (${error.code}). Your entries are kept: try again.`)
        : msg(str`Something went wrong (${error.code}). Try again.`);
  }
}

/** Why *Allow PIN code* stays on while *Password mandatory* is on, and what to do instead. */
export const passwordNeedsPinCodeWords = () =>
  msg('Turn off Password mandatory first: a user who must use a PIN code needs PIN codes allowed.');
