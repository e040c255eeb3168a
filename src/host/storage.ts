import type { FilterNode } from './odata-filter.js';
import type {
  CredentialRecord,
  DeviceRecord,
  IdempotencyRecord,
  PinCodeEventRecord,
  ResourceRecord,
  UserSetupRecord,
} from './records.js';

export const SORT_FIELDS = ['userId', 'displayName', 'resourceNo', 'pinCodeStatus', 'pinCodeChangedAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

/** A page of user setups as `GET userSetups` asks for it. */
export interface UserSetupQuery {
  /** Ties are ordered by userId, nulls first, so every order is total and paging is stable. */
  orderBy: SortField;
  descending: boolean;
  filter?: FilterNode;
  /** The time of the request, for `now()` in the filter. */
  now: Date;
  skip: number;
  top: number;
  /**
   * Whether the answer holds how many setups match (`$count=true`). Counting every match costs as much as the matches
   * are many, so a storage need not count when this is false.
   */
  count: boolean;
}

/** The state of one user as an action reads it inside its section: current, and nobody else writes it meanwhile. */
export interface UserState {
  readonly setup: UserSetupRecord;
  /** The user's Resource card, when they have one. */
  readonly resource: ResourceRecord | undefined;
  /** The credential on that card, when a PIN code was ever set. */
  readonly credential: CredentialRecord | undefined;
  /**
   * The asking device's throttle, when the section was opened for a device: serialized with every other section of
   * that device too, so that its wrong codes are counted exactly however many users they were for.
   */
  readonly device?: DeviceRecord;
}

/** What an action stores, all at once or not at all. Records are whole: the section's own, with the changes made. */
export interface UserWrite {
  setup?: UserSetupRecord;
  resource?: ResourceRecord;
  credential?: CredentialRecord;
  events?: PinCodeEventRecord[];
  idempotency?: IdempotencyRecord;
  /** The section's device, with its changes. */
  device?: DeviceRecord;
}

/** A serialized section over one user: the only place a host writes. */
export interface UserSection extends UserState {
  /** The stored first answer under a scoped Idempotency-Key, if any. */
  idempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores `write` atomically; called at most once per section. */
  commit(write: UserWrite): Promise<void>;
}

/**
 * The host core's storage port. Reads may run at any time; every write goes through `withUserSection`, which runs its
 * work serialized with every other section of the same user setup (across tabs or processes too, where they share the
 * storage): a transaction with a row lock on a server, a per-user lock in the browser. An action therefore decides
 * on the state it reads inside the section that writes its result, and no copy read before another write is ever
 * written back.
 */
export interface HostStorage {
  userSetup(id: string): Promise<UserSetupRecord | undefined>;
  userSetupByUserId(userId: string): Promise<UserSetupRecord | undefined>;
  userSetupByResourceId(resourceId: string): Promise<UserSetupRecord | undefined>;
  resource(id: string): Promise<ResourceRecord | undefined>;
  /** The user's PIN code events, newest first. */
  pinCodeEvents(userSetupId: string): Promise<PinCodeEventRecord[]>;
  /** One page of setups in order, and (when `query.count`) how many match the filter. */
  listUserSetups(query: UserSetupQuery): Promise<{ records: UserSetupRecord[]; count?: number }>;
  /**
   * Runs `work` in the section of user setup `id`, and of `options.device` too when a device asks (a new device's
   * record starts empty); `undefined` when there is no such setup. A device's section is only ever entered from inside
   * a user's, so two sections never wait for each other in a circle.
   */
  withUserSection<T>(
    id: string,
    work: (section: UserSection) => Promise<T>,
    options?: { device?: string },
  ): Promise<T | undefined>;
}
