// The demo's users and generated ones, as records: what a new database of any host is seeded with.
import { generateTemporaryPinCode, randomId, type PinCodeStatus } from '../domain/index.js';
import type { CredentialRecord, PinCodeEventRecord, ResourceRecord, UserSetupRecord } from './records.js';
import { newSalt, type PinHasher } from './pin-hashes.js';

export interface NewUser {
  userId: string;
  displayName: string;
  /** The Resource card's No.; without one, the user cannot have a PIN code. */
  resourceNo?: string;
  /** The Resource card's name. Default: the display name. */
  resourceName?: string;
  passwordMandatory?: boolean;
  allowPinCode?: boolean;
  /** Whether the user may manage the Mobile Flow user setup. */
  administrator?: boolean;
}

/** A user with the records that go with them, ready to be written. */
export interface SeededUser {
  setup: UserSetupRecord;
  resource?: ResourceRecord;
  credential?: CredentialRecord;
  events: PinCodeEventRecord[];
}

/** The records of a new user with no PIN code yet. */
export function newUserRecords(user: NewUser): SeededUser {
  if (user.passwordMandatory && user.allowPinCode === false) {
    throw new Error(`${user.userId}: Password mandatory needs PIN codes allowed (allowPinCode).`);
  }
  const resourceId = user.resourceNo ? randomId() : null;
  const setup: UserSetupRecord = {
    id: randomId(),
    userId: user.userId,
    displayName: user.displayName,
    resourceNo: user.resourceNo ?? null,
    resourceId,
    passwordMandatory: user.passwordMandatory ?? false,
    allowPinCode: user.allowPinCode ?? true,
    pinCodeStatus: 'notSet',
    pinCodeChangedAt: null,
    pinCodeChangedBy: null,
    temporaryPinCodeExpiresAt: null,
    lockedUntil: null,
    administrator: user.administrator ?? false,
    failedAttempts: 0,
    expiryRecorded: false,
    version: 1,
  };
  const resource: ResourceRecord | undefined =
    resourceId && user.resourceNo
      ? {
          id: resourceId,
          number: user.resourceNo,
          name: user.resourceName ?? user.displayName,
          pinCodeStatus: 'notSet',
          pinCodeChangedAt: null,
          pinCodeChangedBy: null,
          version: 1,
        }
      : undefined;
  return { setup, resource, events: [] };
}

const FIRST_NAMES = [
  'Anna',
  'Lars',
  'Mette',
  'Jonas',
  'Sofie',
  'Peter',
  'Ida',
  'Mikkel',
  'Freja',
  'Rasmus',
  'Camilla',
  'Thomas',
  'Emma',
  'Kasper',
  'Laura',
  'Henrik',
  'Julie',
  'Nikolaj',
  'Maria',
  'Søren',
  'Astrid',
  'Oliver',
  'Karen',
  'Emil',
  'Hanne',
  'Frederik',
  'Signe',
  'Mads',
  'Louise',
  'Jens',
  'Nanna',
  'Anders',
  'Cecilie',
  'Martin',
  'Line',
  'Christian',
];
const LAST_NAMES = [
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
  'Holm',
  'Lund',
  'Bak',
  'Dahl',
  'Berg',
  'Kjær',
  'Friis',
  'Nørgaard',
  'Vestergaard',
  'Lindholm',
];

/** The demo's twenty users: first name as user id, resources R0010, R0020, … */
const DEMO_USERS: Array<{
  status: PinCodeStatus | 'locked' | 'expired';
  passwordMandatory?: boolean;
  allowPinCode?: boolean;
}> = [
  { status: 'notSet' },
  { status: 'set' },
  { status: 'set', passwordMandatory: true },
  { status: 'temporary' },
  { status: 'set' },
  { status: 'notSet', allowPinCode: false },
  { status: 'set' },
  { status: 'locked' },
  { status: 'notSet' },
  { status: 'set', passwordMandatory: true },
  { status: 'expired' },
  { status: 'set' },
  { status: 'notSet', passwordMandatory: true },
  { status: 'set' },
  { status: 'temporary' },
  { status: 'set' },
  { status: 'notSet' },
  { status: 'set' },
  { status: 'set', passwordMandatory: true },
  { status: 'notSet' },
];

const resourceNo = (i: number) => `R${String((i + 1) * 10).padStart(4, '0')}`;
const hoursBefore = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

/**
 * Gives a seeded user a PIN code status, with the credential and events that go with it. The codes behind the
 * hashes are random and thrown away at once: nobody, not even the seed, knows them.
 */
function withStatus(
  user: SeededUser,
  status: PinCodeStatus | 'locked' | 'expired',
  hashes: { set: string; temporary: string },
  now: Date,
  ttlHours: number,
  lockoutMinutes: number,
  age: number,
  withEvents = true,
): SeededUser {
  const { setup, resource } = user;
  if (status === 'notSet' || !resource) return user;
  const temporary = status === 'temporary' || status === 'expired';
  const changedAt = hoursBefore(
    now,
    temporary ? (status === 'expired' ? ttlHours + 5 : 2 + (age % 20)) : 24 * (3 + (age % 200)),
  );
  const expiresAt = temporary ? new Date(Date.parse(changedAt) + ttlHours * 3_600_000).toISOString() : null;
  const pinFields = {
    pinCodeStatus: temporary ? 'temporary' : 'set',
    pinCodeChangedAt: changedAt,
    pinCodeChangedBy: temporary ? 'administrator' : 'user',
  } as const;
  const lockedUntil = status === 'locked' ? new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() : null;
  const events: PinCodeEventRecord[] = [
    {
      userSetupId: setup.id,
      type: temporary ? 'temporaryIssued' : 'changedByUser',
      at: changedAt,
      actor: temporary ? 'administrator' : 'user',
      actorUserId: temporary ? 'ADMIN' : setup.userId,
    },
  ];
  if (lockedUntil)
    events.push({ userSetupId: setup.id, type: 'locked', at: now.toISOString(), actor: 'host', actorUserId: null });
  return {
    setup: { ...setup, ...pinFields, temporaryPinCodeExpiresAt: expiresAt, lockedUntil },
    resource: { ...resource, ...pinFields },
    credential: {
      resourceId: resource.id,
      salt: newSalt(),
      pinCodeHash: temporary ? hashes.temporary : hashes.set,
      temporary,
      expiresAt,
      previousHashes: [],
    },
    events: withEvents ? events : [],
  };
}

export interface SeedOptions {
  seed: 'demo' | 'empty' | { users: number };
  hasher: PinHasher;
  now: Date;
  temporaryTtlHours: number;
  lockoutMinutes: number;
}

/**
 * The records to fill an empty database with: the administrator ADMIN and either the demo's twenty users (resources
 * R0010, R0020, …) or `users` generated ones (100 000 in seconds). Every host seeds from here, so the demo's users are
 * the same on each.
 */
export async function seededUsers({
  seed,
  hasher,
  now,
  temporaryTtlHours,
  lockoutMinutes,
}: SeedOptions): Promise<SeededUser[]> {
  if (seed === 'empty') return [];
  // Two hashes of random codes serve every seeded credential: hashing 100 000 codes would take hours. Each user still
  // gets a salt of their own for every code set from then on.
  const [set, temporary] = await Promise.all([
    hasher.hash(generateTemporaryPinCode(8)),
    hasher.hash(generateTemporaryPinCode(8)),
  ]);
  const hashes = { set, temporary };
  const users = [
    newUserRecords({
      userId: 'ADMIN',
      displayName: 'Alex Administrator',
      administrator: true,
      passwordMandatory: true,
    }),
  ];
  if (seed === 'demo') {
    DEMO_USERS.forEach((demo, i) => {
      const first = FIRST_NAMES[i];
      const base = newUserRecords({
        userId: first.toUpperCase().replace('Ø', 'OE'),
        displayName: `${first} ${LAST_NAMES[i]}`,
        resourceNo: resourceNo(i),
        passwordMandatory: demo.passwordMandatory,
        allowPinCode: demo.allowPinCode,
      });
      users.push(withStatus(base, demo.status, hashes, now, temporaryTtlHours, lockoutMinutes, i * 37));
    });
  } else {
    const statuses = ['set', 'set', 'notSet', 'set', 'temporary', 'set', 'notSet', 'set', 'set', 'locked'] as const;
    const width = String(seed.users).length;
    for (let i = 0; i < seed.users; i += 1) {
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
      const base = newUserRecords({
        userId: `U${String(i + 1).padStart(width, '0')}`,
        displayName: `${first} ${last}`,
        resourceNo: resourceNo(i),
        passwordMandatory: i % 7 === 0 && i % 13 !== 0,
        allowPinCode: i % 13 !== 0,
      });
      // No history events here: they would double the records to write, and no benchmark reads them.
      users.push(
        withStatus(
          base,
          base.setup.allowPinCode ? statuses[i % statuses.length] : 'notSet',
          hashes,
          now,
          temporaryTtlHours,
          lockoutMinutes,
          i,
          false,
        ),
      );
    }
  }
  return users;
}
