import { pinCodeRequired, randomId } from '../domain/index.js';
import { newUserRecords, type UserSetupRecord } from '../host/index.js';
import {
  deleteUsers,
  lockUsers,
  resourceHolders,
  writeSeededUsers,
  writeUserChanges,
  type StoredUser,
} from './postgres-storage.js';
import type { SqlDatabase } from './sql.js';

/**
 * A user as the host's own system (its ERP, HR or directory) hands them to the server host. A field left out keeps
 * what the host has for a user it knows, and is the default for a new one.
 */
export interface ProvisionedUser {
  /** The id the host's `identify` gives this user. */
  userId: string;
  displayName: string;
  /** Whether the user may manage the Mobile Flow user setup. Default false. */
  administrator?: boolean;
  /**
   * The user's Resource card, which a device signs in as (`name` defaults to the display name); `null` for none. A
   * different `number` renumbers the card the user has: the same card, with their PIN code and history. `null` takes
   * the card away, and the PIN code on it. Default: no card.
   */
  resource?: { number: string; name?: string } | null;
  /** Default false. Needs `allowPinCode`. */
  passwordMandatory?: boolean;
  /** Default true. */
  allowPinCode?: boolean;
}

/** What an upsert did: the user ids added, updated and left as they were. */
export interface UpsertOutcome {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/** What a removal did: the user ids removed, and those the host did not have. */
export interface RemoveOutcome {
  removed: string[];
  absent: string[];
}

/** One thing wrong with the user at `index` of the list given. */
export interface ProvisioningProblem {
  index: number;
  message: string;
}

/** A list of users refused as a whole: every problem found, and nothing was changed. */
export class ProvisioningRefused extends Error {
  constructor(
    readonly problems: ProvisioningProblem[],
    label: (index: number) => string,
  ) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing was changed:\n` +
        problems.map(({ index, message }) => `  ${label(index)}: ${message}`).join('\n'),
    );
  }
}

/** Users in and out of the server host, from the host's own system. */
export interface UserProvisioning {
  /**
   * Adds the users the host does not have and brings those it has up to date, in one transaction: all of them, or,
   * when any is refused, none (a `ProvisioningRefused` with every problem). Idempotent: a user as the host already has
   * them is left alone, and an update never touches a PIN code, its history or its counters. `dryRun` checks and
   * counts without writing; `label` names a user in the problems (default `users[3]`).
   */
  upsert(
    users: ProvisionedUser[],
    options?: { dryRun?: boolean; label?: (index: number) => string },
  ): Promise<UpsertOutcome>;
  /**
   * Removes users with everything of theirs (setup, Resource card, PIN code, history, Idempotency-Key records), in one
   * transaction. Idempotent: an id the host does not have is reported `absent`.
   */
  remove(userIds: string[]): Promise<RemoveOutcome>;
}

const FIELDS = ['userId', 'displayName', 'administrator', 'resource', 'passwordMandatory', 'allowPinCode'];
/** The reference AL app's field lengths (Code[50], Text[80], Code[20], Text[100]): what one host takes, all can hold. */
const MAX_LENGTH = { userId: 50, displayName: 80, number: 20, name: 100 };

/** What is wrong with a text field, if anything. */
function textProblem(value: unknown, field: string, maxLength: number): string | undefined {
  if (value === undefined || value === null || value === '') return `${field} is missing.`;
  if (typeof value !== 'string') return `${field} must be text, not ${JSON.stringify(value)}.`;
  if (value.length > maxLength) return `${field} is ${value.length} characters long; it may be ${maxLength}.`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${field} ${JSON.stringify(value)} holds a control character.`;
  if (value.trim() !== value) return `${field} ${JSON.stringify(value)} begins or ends with a space.`;
  return undefined;
}

/** What is wrong with one user as given, whatever the host holds. */
function shapeProblems(user: unknown): string[] {
  if (typeof user !== 'object' || user === null || Array.isArray(user))
    return [`a user must be an object with userId and displayName, not ${JSON.stringify(user)}.`];
  const fields = user as Record<string, unknown>;
  const problems = Object.keys(fields)
    .filter((name) => !FIELDS.includes(name))
    .map((name) => `${name}: no such field; the fields are ${FIELDS.join(', ')}.`);
  problems.push(
    ...[
      textProblem(fields.userId, 'userId', MAX_LENGTH.userId),
      textProblem(fields.displayName, 'displayName', MAX_LENGTH.displayName),
    ].filter((problem) => problem !== undefined),
  );
  for (const name of ['administrator', 'passwordMandatory', 'allowPinCode']) {
    if (fields[name] !== undefined && typeof fields[name] !== 'boolean')
      problems.push(`${name} must be true or false, not ${JSON.stringify(fields[name])}.`);
  }
  const resource = fields.resource as Record<string, unknown> | null | undefined;
  if (resource === undefined || resource === null) return problems;
  if (
    typeof resource !== 'object' ||
    Array.isArray(resource) ||
    Object.keys(resource).some((k) => k !== 'number' && k !== 'name')
  )
    return [...problems, `resource must be {"number": …, "name": …} or null, not ${JSON.stringify(resource)}.`];
  const number = textProblem(resource.number, 'resource.number', MAX_LENGTH.number);
  const name = resource.name === undefined ? undefined : textProblem(resource.name, 'resource.name', MAX_LENGTH.name);
  return [...problems, ...[number, name].filter((problem) => problem !== undefined)];
}

/** A user the host has, with what provisioning changed: their card may be taken away, with the PIN code on it. */
type ChangedUser = StoredUser & { removedResourceId?: string };

/**
 * `stored` (a user the host has) as `user` says they are now, or `undefined` when nothing changes. What a PIN code is
 * made of (its status, hash, history, counters and lock) is left alone, unless the card that held it is taken away.
 */
function changedUser(stored: StoredUser, user: ProvisionedUser): ChangedUser | undefined {
  const { setup, resource } = stored;
  let card = resource;
  let cardFields: Partial<UserSetupRecord> = {};
  if (user.resource === null && resource) {
    card = undefined;
    cardFields = {
      resourceNo: null,
      resourceId: null,
      pinCodeStatus: 'notSet',
      pinCodeChangedAt: null,
      pinCodeChangedBy: null,
      temporaryPinCodeExpiresAt: null,
      lockedUntil: null,
      failedAttempts: 0,
      expiryRecorded: false,
    };
  } else if (user.resource) {
    const { number, name = user.displayName } = user.resource;
    // A card the user did not have starts at version 0, and is written as version 1, as every new record starts.
    card = resource
      ? { ...resource, number, name }
      : {
          id: randomId(),
          number,
          name,
          pinCodeStatus: 'notSet',
          pinCodeChangedAt: null,
          pinCodeChangedBy: null,
          version: 0,
        };
    cardFields = { resourceNo: number, resourceId: card.id };
  }
  const changes: Partial<UserSetupRecord> = {
    displayName: user.displayName,
    administrator: user.administrator ?? setup.administrator,
    passwordMandatory: user.passwordMandatory ?? setup.passwordMandatory,
    allowPinCode: user.allowPinCode ?? setup.allowPinCode,
    ...cardFields,
  };
  const next = { ...setup, ...changes };
  // A card is a new state when its number or name changes, or whether a device asks for a PIN code (promise 10).
  const cardChanged =
    card !== undefined &&
    (!resource ||
      card.number !== resource.number ||
      card.name !== resource.name ||
      pinCodeRequired(next) !== pinCodeRequired(setup));
  const setupChanged = (Object.keys(changes) as Array<keyof UserSetupRecord>).some(
    (field) => next[field] !== setup[field],
  );
  if (!setupChanged && !cardChanged) return undefined;
  return {
    setup: { ...next, version: setup.version + 1 },
    resource: card && cardChanged ? { ...card, version: card.version + 1 } : undefined,
    removedResourceId: card ? undefined : resource?.id,
  };
}

/** One provisioning at a time (across processes too): two lists never race for the same new user or card number. */
const PROVISIONING_LOCK = 7403;

/** Adds, updates and removes the server host's users in `db`, from the host's own system. */
export function userProvisioning(db: SqlDatabase): UserProvisioning {
  return {
    async upsert(users, { dryRun = false, label = (index: number) => `users[${index}]` } = {}) {
      if (!Array.isArray(users)) throw new TypeError('upsert takes an array of users.');
      const problems: ProvisioningProblem[] = [];
      const refuse = (index: number, message: string) => problems.push({ index, message });
      const valid = new Map<number, ProvisionedUser>();
      const firstOfUser = new Map<string, number>();
      const firstOfNumber = new Map<string, number>();
      users.forEach((user, index) => {
        const refusedBefore = problems.length;
        shapeProblems(user).forEach((message) => refuse(index, message));
        const { userId, resource } = user ?? {};
        if (typeof userId === 'string' && firstOfUser.has(userId))
          refuse(index, `userId ${userId} is given twice: also ${label(firstOfUser.get(userId)!)}.`);
        else if (typeof userId === 'string') firstOfUser.set(userId, index);
        const number = resource?.number;
        if (typeof number === 'string' && firstOfNumber.has(number))
          refuse(index, `resource ${number} is given twice: also ${label(firstOfNumber.get(number)!)}.`);
        else if (typeof number === 'string') firstOfNumber.set(number, index);
        if (problems.length === refusedBefore) valid.set(index, user);
      });
      return db.transaction(async (sql) => {
        await sql.query('SELECT pg_advisory_xact_lock($1)', [PROVISIONING_LOCK]);
        const stored = await lockUsers(sql, [...firstOfUser.keys()]);
        const holders = await resourceHolders(sql, [...firstOfNumber.keys()]);
        const outcome: UpsertOutcome = { added: [], updated: [], unchanged: [] };
        const added: ReturnType<typeof newUserRecords>[] = [];
        const changed: ChangedUser[] = [];
        for (const [index, user] of valid) {
          const known = stored.get(user.userId);
          const refusedBefore = problems.length;
          const holder = user.resource ? holders.get(user.resource.number) : undefined;
          if (holder !== undefined && holder !== user.userId) {
            refuse(
              index,
              `resource ${user.resource!.number} is ${holder}'s Resource card: a card changes hands in two steps, first taken from ${holder}, then given.`,
            );
          }
          const passwordMandatory = user.passwordMandatory ?? known?.setup.passwordMandatory ?? false;
          if (passwordMandatory && !(user.allowPinCode ?? known?.setup.allowPinCode ?? true)) {
            refuse(
              index,
              `passwordMandatory needs allowPinCode: ${user.userId} could not sign in on a device at all${user.passwordMandatory === undefined ? ' (Password mandatory is on for them now)' : ''}.`,
            );
          }
          if (problems.length > refusedBefore) continue;
          if (!known) {
            const { resource, ...fields } = user;
            added.push(newUserRecords({ ...fields, resourceNo: resource?.number, resourceName: resource?.name }));
            outcome.added.push(user.userId);
            continue;
          }
          const change = changedUser(known, user);
          if (change) changed.push(change);
          outcome[change ? 'updated' : 'unchanged'].push(user.userId);
        }
        if (problems.length) {
          problems.sort((a, b) => a.index - b.index);
          throw new ProvisioningRefused(problems, label);
        }
        if (dryRun) return outcome;
        for (const change of changed) await writeUserChanges(sql, change);
        await writeSeededUsers(sql, added);
        return outcome;
      });
    },

    async remove(userIds) {
      if (!Array.isArray(userIds) || userIds.some((userId) => typeof userId !== 'string'))
        throw new TypeError('remove takes an array of user ids.');
      return db.transaction(async (sql) => {
        await sql.query('SELECT pg_advisory_xact_lock($1)', [PROVISIONING_LOCK]);
        const stored = await lockUsers(sql, userIds);
        await deleteUsers(
          sql,
          [...stored.values()].map(({ setup }) => setup),
        );
        const removed = [...new Set(userIds)];
        return {
          removed: removed.filter((userId) => stored.has(userId)),
          absent: removed.filter((userId) => !stored.has(userId)),
        };
      });
    },
  };
}
