import type { OperationId, PinPolicy } from '../../domain/index.js';
import type { Answer } from '../errors.js';
import type { PinHasher } from '../pin-hashes.js';
import type { UserSetupRecord } from '../records.js';
import type { HostStorage, UserState, UserWrite } from '../storage.js';

/** Who is asking: a user of the ERP, or a device (a handheld that checks PIN codes) that authenticated itself. */
export type Identity = { userId: string } | { device: string };

/** What every operation works with. */
export interface HostServices {
  policy: PinPolicy;
  hasher: PinHasher;
  storage: HostStorage;
  /** Issued temporary codes by scoped Idempotency-Key, for a replay: memory only, never stored, the latest few. */
  temporaryCodesForReplay: Map<string, string>;
}

/** A request as an operation sees it, after routing, identity and reading. */
export interface OperationRequest {
  operationId: OperationId;
  /** Who is asking, as the host's authentication says. */
  identity: Identity;
  /**
   * The asking user's own setup as read when the request arrived (for who may ask, never written back); `null` for a
   * device.
   */
  caller: UserSetupRecord | null;
  /** The key in the path, for userSetups({id}) and resources({id}). */
  key: string;
  body: unknown;
  ifMatch: string | null;
  query: URLSearchParams;
  now: Date;
  /** The scoped Idempotency-Key (caller, operation, target, key), when the request sent one. */
  idempotencyKey: string | null;
}

/** A read: answers from what is stored, writes nothing. */
export type ReadUnit = (request: OperationRequest, services: HostServices) => Promise<Answer>;

/** What an action decided inside its section: the answer, and what is stored with it. */
export interface Decision {
  answer: Answer;
  write?: Omit<UserWrite, 'idempotency'>;
}

/**
 * An action: it names the user setup it acts on (checking who may ask), then decides on that user's state as read
 * inside the section that stores its result.
 */
export interface ActionUnit {
  target(request: OperationRequest, services: HostServices): Promise<string>;
  decide(state: UserState, request: OperationRequest, services: HostServices): Promise<Decision>;
  /**
   * Decided inside the section before its Idempotency-Key is looked at: an answer that refuses the request whatever
   * it is (a device held back by its throttle), which is never stored as a key's first answer; `undefined` lets the
   * request go on.
   */
  refuse?(state: UserState, request: OperationRequest, services: HostServices): Decision | undefined;
  /** The answer to a retry with the same Idempotency-Key and body; without it, the first answer again. */
  replay?(first: Answer, state: UserState, request: OperationRequest, services: HostServices): Promise<Answer>;
}

export type OperationUnits = Record<OperationId, ReadUnit | ActionUnit>;
