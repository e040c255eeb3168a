import { createMobileFlowClient, MobileFlowError, type MobileFlowClient } from '../api/index.js';
import {
  generateTemporaryPinCode,
  type ErrorCode,
  type PinCodeEvent,
  type PinCodeEventType,
  type PinPolicy,
  type UserSetup,
} from '../domain/index.js';
import { AnswerLog } from './answers.js';

/** Who a request acts as. `nobody` sends no credential at all. */
export type Role = 'administrator' | 'user' | 'otherUser' | 'device' | 'nobody';
export const ROLES: readonly Role[] = ['administrator', 'user', 'otherUser', 'device', 'nobody'];

/** How the kit reaches the host as one identity: headers (a bearer token, a cookie), or a fetch of its own. */
export interface IdentityAccess {
  /** The user id the host knows this identity by (not for the device). */
  userId?: string;
  /** Sent with every request of this identity. */
  headers?: Record<string, string>;
  /** A transport of this identity's own, e.g. the Business Central add-in bridge of a user's session. */
  fetch?: typeof fetch;
}

/**
 * What a host offers in test mode, beside the contract: its clock moved forward, and its next request failed on
 * purpose. A host without them gets the checks that need them reported as not run.
 */
export interface TestHooks {
  /** Moves the host's clock `ms` forward. */
  advance(ms: number): Promise<void>;
  /** The host answers its next request `500 Internal_ServerError` and changes nothing. */
  failNextRequest(): Promise<void>;
}

/** The host a run proves. */
export interface ConformanceTarget {
  /** The contract's base URL, e.g. `http://127.0.0.1:8787/api/mobileflow/v1.0`. */
  baseUrl: string;
  identities: {
    administrator: IdentityAccess & { userId: string };
    user: IdentityAccess & { userId: string };
    otherUser: IdentityAccess & { userId: string };
    device: IdentityAccess;
  };
  /** The transport for identities without their own. Default: the global `fetch`. */
  fetch?: typeof fetch;
  testHooks?: TestHooks;
  /**
   * Whether requests reach the host as HTTP with their media type. Not through the Business Central add-in bridge,
   * which carries JSON text to AL: the media type checks are then not run. Default true.
   */
  httpMediaTypes?: boolean;
}

/** A check cannot run on this host; the reason says what it would need. Never counted as passed. */
export class NotRun extends Error {}

/** A check found the host breaking what it proves. */
export class CheckFailed extends Error {}

/** One of the two users the run works with, as the host knows them. */
export interface KitUser {
  role: 'user' | 'otherUser';
  userId: string;
  setupId: string;
  resourceId: string;
  /** The user's PIN code status when the run began: `notSet` lets the run prove PinCode_NotSet. */
  statusAtStart: UserSetup['pinCodeStatus'];
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );

/** Fails the check unless `actual` deeply equals `expected`. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (canonical(actual) !== canonical(expected))
    throw new CheckFailed(`${what}: expected ${canonical(expected)}, got ${canonical(actual)}`);
}

/** Fails the check unless `condition` holds. */
export function expectTrue(condition: unknown, what: string): asserts condition {
  if (!condition) throw new CheckFailed(what);
}

/** Fails the check unless `promise` fails with `code` (and its documented status); gives the error back. */
export async function expectError(promise: Promise<unknown>, code: ErrorCode, what: string): Promise<MobileFlowError> {
  let answer: unknown;
  try {
    answer = await promise;
  } catch (error) {
    if (!(error instanceof MobileFlowError)) throw error;
    if (error.code !== code)
      throw new CheckFailed(`${what}: expected ${code}, got ${error.code} (${error.status}): ${error.message}`);
    return error;
  }
  throw new CheckFailed(`${what}: expected ${code}, but it succeeded: ${canonical(answer)}`);
}

const HOUR = 3_600_000;

/** Where relative URLs resolve: the page in a browser, a placeholder origin in Node. */
const here = () => globalThis.location?.href ?? 'http://localhost/';

/**
 * What a check works with: a client per identity, raw requests, the host's policy, the two users, the test hooks, and
 * the few steps many checks begin with. Every answer goes through the run's AnswerLog.
 */
export class Kit {
  readonly log: AnswerLog;
  readonly baseUrl: string;
  private readonly clients = new Map<Role, MobileFlowClient>();
  policy!: PinPolicy;
  user!: KitUser;
  otherUser!: KitUser;
  /** Only some of the checks run (`--only`): what only the whole run proves cannot be judged. */
  partial = false;

  constructor(readonly target: ConformanceTarget) {
    this.baseUrl = target.baseUrl.replace(/\/+$/, '');
    const base = new URL(this.baseUrl, here());
    this.log = new AnswerLog(base.pathname);
  }

  /** A fetch that acts as `role`, with every answer inspected. */
  fetchAs(role: Role): typeof fetch {
    const access: IdentityAccess = role === 'nobody' ? {} : this.target.identities[role];
    const transport = access.fetch ?? this.target.fetch ?? ((input, init) => globalThis.fetch(input, init));
    return async (input, init) => {
      const request = new Request(
        new URL(input instanceof Request ? input.url : String(input), here()),
        init ?? (input instanceof Request ? input : undefined),
      );
      for (const [name, value] of Object.entries(access.headers ?? {})) request.headers.set(name, value);
      const response = await transport(request);
      this.log.inspect(request.method, new URL(request.url), response.status, await response.clone().text());
      return response;
    };
  }

  /** The typed client, acting as `role`. */
  as(role: Role): MobileFlowClient {
    let client = this.clients.get(role);
    if (!client) {
      client = createMobileFlowClient({
        baseUrl: this.baseUrl,
        fetch: this.fetchAs(role),
        retries: 0,
        timeoutMs: 60_000,
      });
      this.clients.set(role, client);
    }
    return client;
  }

  /** A request the client would never send: its status and body (parsed when JSON). */
  async raw(
    role: Role,
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await this.fetchAs(role)(`${this.baseUrl}/${path}`, {
      method,
      body: init.body,
      headers: init.headers,
    });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text), headers: response.headers };
    } catch {
      return { status: response.status, body: text, headers: response.headers };
    }
  }

  /**
   * With test hooks, moves the host's clock by `deviceFailureWindowMinutes`, so that the device's earlier wrong codes
   * leave its throttle's window and a check begins with the device free (promise 11). Without them, nothing: such a
   * host is run with `maxDeviceFailures` as high as it goes (1000), or the kit's device is held back part-way.
   */
  async freshDeviceWindow(): Promise<void> {
    await this.target.testHooks?.advance(this.policy.deviceFailureWindowMinutes * 60_000);
  }

  /** The test hooks, or NotRun saying what the check needs. */
  hooks(needed: string): TestHooks {
    if (!this.target.testHooks)
      throw new NotRun(`it needs ${needed}, and the host offers no test hooks (see "testHooks" in the config)`);
    return this.target.testHooks;
  }

  /** Reads who is who, and the policy, before any check: a wrong config is said here, once, in words. */
  async prepare(): Promise<void> {
    const { identities } = this.target;
    const admin = await this.session('administrator');
    if (!admin.canManageUserSetup)
      throw new Error(`The administrator identity (${identities.administrator.userId}) may not manage the user setup.`);
    this.policy = admin.pinPolicy;
    const users: KitUser[] = [];
    for (const role of ['user', 'otherUser'] as const) {
      const session = await this.session(role);
      if (session.canManageUserSetup)
        throw new Error(`The ${role} identity (${session.userId}) is an administrator: the kit needs a plain user.`);
      const setup = (await this.as('administrator').listUserSetups({ search: session.userId, top: 1000 })).value.find(
        (candidate) => candidate.userId === session.userId,
      );
      if (!setup?.resourceId)
        throw new Error(
          `The ${role} identity (${session.userId}) needs a Resource card: the kit checks PIN codes on it.`,
        );
      users.push({
        role,
        userId: session.userId,
        setupId: setup.id,
        resourceId: setup.resourceId,
        statusAtStart: setup.pinCodeStatus,
      });
    }
    [this.user, this.otherUser] = users;
    if (this.user.userId === this.otherUser.userId) throw new Error('The user and the other user must be two users.');
  }

  private async session(role: 'administrator' | 'user' | 'otherUser') {
    const expected = this.target.identities[role].userId;
    let session;
    try {
      session = await this.as(role).getSession();
    } catch (error) {
      throw new Error(`GET session as the ${role} (${expected}) failed: ${(error as Error).message}`);
    }
    if (session.userId !== expected)
      throw new Error(`The ${role} identity signs in as ${session.userId}, but the config says ${expected}.`);
    return session;
  }

  /** A new PIN code that breaks no rule of the policy (random: it is in no one's history). */
  freshPinCode(): string {
    const code = generateTemporaryPinCode(Math.min(Math.max(8, this.policy.minLength), this.policy.maxLength));
    this.log.keepSecret(code);
    return code;
  }

  /** The user's setup now, as the administrator reads it. */
  setupOf(who: KitUser): Promise<UserSetup> {
    return this.as('administrator').getUserSetup(who.setupId);
  }

  /** The user may hold a PIN code, without Password mandatory, and is not locked. */
  async reset(who: KitUser): Promise<UserSetup> {
    const admin = this.as('administrator');
    let setup = await this.setupOf(who);
    if (!setup.allowPinCode || setup.passwordMandatory)
      setup = await admin.updateUserSetup(setup, { allowPinCode: true, passwordMandatory: false });
    if (setup.lockedUntil) setup = await admin.unlockPinCode(setup.id);
    return setup;
  }

  /** Resets the user and issues a temporary PIN code (generated by the host). */
  async temporaryPinCode(who: KitUser): Promise<string> {
    await this.reset(who);
    const issued = await this.as('administrator').issueTemporaryPinCode(who.setupId);
    this.log.keepSecret(issued.pinCode);
    return issued.pinCode;
  }

  /** Resets the user and gives them a PIN code of their own (through a temporary one); gives it back. */
  async ownPinCode(who: KitUser): Promise<string> {
    const temporary = await this.temporaryPinCode(who);
    const pinCode = this.freshPinCode();
    await this.as(who.role).changePinCode({ currentPinCode: temporary, newPinCode: pinCode });
    return pinCode;
  }

  /** A device checks `pinCode` on the user's Resource card. */
  verify(who: KitUser, pinCode: string, idempotencyKey?: string) {
    return this.as('device').verifyPinCode(who.resourceId, { pinCode }, { idempotencyKey });
  }

  /** Wrong codes on the device until the user is locked (maxFailedAttempts of them, answers not looked at). */
  async lockOut(who: KitUser): Promise<void> {
    for (let attempt = 0; attempt < this.policy.maxFailedAttempts; attempt++)
      await this.verify(who, this.freshPinCode()).catch(() => undefined);
  }

  /** The ids of the user's PIN code events now: what `eventsSince` counts from. */
  async eventMark(who: KitUser): Promise<Set<string>> {
    const events = await this.as('administrator').listPinCodeEvents(who.setupId);
    return new Set(events.value.map((event) => event.id));
  }

  /** The user's events since `mark`, newest first. */
  async newEvents(who: KitUser, mark: Set<string>): Promise<PinCodeEvent[]> {
    const events = await this.as('administrator').listPinCodeEvents(who.setupId);
    return events.value.filter((event) => !mark.has(event.id));
  }

  /** The types of the user's events since `mark`, newest first. */
  async eventsSince(who: KitUser, mark: Set<string>): Promise<PinCodeEventType[]> {
    return (await this.newEvents(who, mark)).map((event) => event.type);
  }

  /** The lock's length and a temporary code's life, in ms. */
  get lockoutMs() {
    return this.policy.lockoutMinutes * 60_000;
  }
  get temporaryTtlMs() {
    return this.policy.temporaryTtlHours * HOUR;
  }
}
