import {
  ERROR_HTTP_STATUS,
  checkPinCode,
  type ChangePinCodeRequest,
  type ErrorCode,
  type ErrorResponse,
  type IssueTemporaryPinCodeRequest,
  type OperationId,
  type PinCodeEvent,
  type PinCodeEventList,
  type PinPolicy,
  type Resource,
  type Session,
  type TemporaryPinCode,
  type UserSetup,
  type UserSetupChanges,
  type UserSetupPage,
  type VerifyPinCodeRequest,
  type VerifyPinCodeResult,
} from '../domain/index.js';
import { contractProblem, type ContractSchemaName } from './contract-validation.js';
import { newSalt, sameHash, saltOf, type PinHasher } from './hashing.js';
import { FilterError, compileUserSetupFilter } from './odata-filter.js';
import type {
  CredentialRecord,
  MockDatabase,
  MockStoreName,
  PinCodeEventRecord,
  ResourceRecord,
  UserSetupRecord,
  WriteTransaction,
} from './store.js';
import { SORT_FIELDS, UserSetupIndex, type SortField } from './user-setup-index.js';

/** An answer of the host: an HTTP status and a JSON body. */
interface Answer {
  status: number;
  body: unknown;
}

/** A contract error, thrown anywhere in an operation and answered with its status. */
class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse['error'], 'code' | 'message'> = {},
  ) {
    super(message);
  }
}

/** Where the atomicity tests make a PIN code write fail. */
export type WriteFailure = 'afterHash' | 'duringWrite';

/** Faults the tests and the demo switch on; each one fires once. */
export interface HostFaults {
  /** The next request is answered 500 Internal_ServerError. */
  failNextRequest: boolean;
  /** The next action (a POST or PATCH: a change) is answered 500; reads go through. */
  failNextAction: boolean;
  /** The next write fails at this point, after which nothing of it is stored. */
  failNextWrite: WriteFailure | null;
}

/** The request as an operation sees it. */
interface Context {
  operationId: OperationId;
  /** The id in the path, for userSetups({id}) and resources({id}). */
  id: string;
  body: unknown;
  ifMatch: string | null;
  /** The scoped Idempotency-Key (user, operation, id, key), when the request sent one. */
  idempotencyKey: string | null;
  now: Date;
}

interface Route {
  method: string;
  pattern: RegExp;
  operationId: OperationId;
  /** The request body's schema in the contract; absent when the operation takes no body. */
  bodySchema?: ContractSchemaName;
  /** Whether the body may be left out. */
  bodyOptional?: boolean;
  /** Actions change state: they run one at a time and honour Idempotency-Key. */
  action?: boolean;
}

const ID = '\\(([^()/]*)\\)';
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^session$/, operationId: 'getSession' },
  {
    method: 'POST',
    pattern: /^session\/Microsoft\.NAV\.changePinCode$/,
    operationId: 'changePinCode',
    bodySchema: 'ChangePinCodeRequest',
    action: true,
  },
  { method: 'GET', pattern: /^userSetups$/, operationId: 'listUserSetups' },
  { method: 'GET', pattern: new RegExp(`^userSetups${ID}$`), operationId: 'getUserSetup' },
  {
    method: 'PATCH',
    pattern: new RegExp(`^userSetups${ID}$`),
    operationId: 'updateUserSetup',
    bodySchema: 'UserSetupChanges',
    action: true,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^userSetups${ID}/Microsoft\\.NAV\\.issueTemporaryPinCode$`),
    operationId: 'issueTemporaryPinCode',
    bodySchema: 'IssueTemporaryPinCodeRequest',
    bodyOptional: true,
    action: true,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^userSetups${ID}/Microsoft\\.NAV\\.unlockPinCode$`),
    operationId: 'unlockPinCode',
    action: true,
  },
  { method: 'GET', pattern: new RegExp(`^userSetups${ID}/pinCodeEvents$`), operationId: 'listPinCodeEvents' },
  { method: 'GET', pattern: new RegExp(`^resources${ID}$`), operationId: 'getResource' },
  {
    method: 'POST',
    pattern: new RegExp(`^resources${ID}/Microsoft\\.NAV\\.verifyPinCode$`),
    operationId: 'verifyPinCode',
    bodySchema: 'VerifyPinCodeRequest',
    action: true,
  },
];

const QUERY_OPTIONS = ['$top', '$skip', '$orderby', '$filter', '$count'];
const MAX_BODY_LENGTH = 16_384;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,64}$/;
/** The most earlier PIN code hashes a credential keeps: historyDepth's maximum (while a temporary code is current). */
const MAX_PREVIOUS_HASHES = 24;
/** How many issued temporary codes the host keeps in memory for a replay; older replays get Request_EntityChanged. */
const MAX_REPLAYABLE_TEMPORARY_CODES = 50;
const ALL_STORES: MockStoreName[] = ['userSetups', 'resources', 'credentials', 'pinCodeEvents', 'idempotency'];

const etag = (version: number) => `W/"${version}"`;
const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000).toISOString();
const isAfter = (iso: string | null, now: Date) => iso !== null && iso > now.toISOString();
const errorAnswer = (error: HostError): Answer => ({
  status: ERROR_HTTP_STATUS[error.code],
  body: { error: { code: error.code, message: error.message, ...error.extra } },
});

/** The contract's view of a stored setup: what a client may read, nothing the host keeps to itself. */
export function publicUserSetup(record: UserSetupRecord, now: Date): UserSetup {
  return {
    id: record.id,
    userId: record.userId,
    displayName: record.displayName,
    resourceNo: record.resourceNo,
    resourceId: record.resourceId,
    passwordMandatory: record.passwordMandatory,
    allowPinCode: record.allowPinCode,
    pinCodeStatus: record.pinCodeStatus,
    pinCodeChangedAt: record.pinCodeChangedAt,
    pinCodeChangedBy: record.pinCodeChangedBy,
    temporaryPinCodeExpiresAt: record.temporaryPinCodeExpiresAt,
    lockedUntil: isAfter(record.lockedUntil, now) ? record.lockedUntil : null,
    '@odata.etag': etag(record.version),
  };
}

const publicResource = (record: ResourceRecord): Resource => ({
  id: record.id,
  number: record.number,
  name: record.name,
  pinCodeStatus: record.pinCodeStatus,
  pinCodeChangedAt: record.pinCodeChangedAt,
  pinCodeChangedBy: record.pinCodeChangedBy,
  '@odata.etag': etag(record.version),
});

/**
 * The hashes of the user's own PIN codes, newest first, as they stand before the one about to be written: the current
 * code (unless it is a temporary one) and the earlier ones.
 */
const earlierOwnHashes = (credential: CredentialRecord | undefined): string[] =>
  credential
    ? (credential.temporary ? credential.previousHashes : [credential.pinCodeHash, ...credential.previousHashes]).slice(
        0,
        MAX_PREVIOUS_HASHES,
      )
    : [];

/** A random code of `length` digits that breaks no rule of the policy's shape (no 11111111, no 12345678). */
export function generateTemporaryPinCode(length: number): string {
  for (;;) {
    const digits = crypto.getRandomValues(new Uint8Array(length * 2));
    // Bytes of 250 and more are dropped so that every digit is equally likely.
    const code = Array.from(
      digits.filter((byte) => byte < 250),
      (byte) => byte % 10,
    )
      .slice(0, length)
      .join('');
    if (
      code.length === length &&
      checkPinCode(code, { minLength: length, maxLength: length, historyDepth: 0 }).length === 0
    )
      return code;
  }
}

export interface MockHostCoreOptions {
  db: MockDatabase;
  policy: PinPolicy;
  hasher: PinHasher;
  now: () => Date;
  /** The path the host answers under, e.g. /api/mobileflow/v1.0. */
  basePath: string;
}

/**
 * The host contract implemented over IndexedDB: every operation of openapi.json, with the promises of PRODUCT.md §2.
 * `handle` takes a fetch Request and gives a Response, so MSW and the direct transport serve the same code.
 */
export class MockHostCore {
  /** The signed-in user's setup id; every request acts as this user. */
  sessionUserSetupId: string | null = null;
  /** Faults the tests and the demo switch on. */
  readonly faults: HostFaults = { failNextRequest: false, failNextAction: false, failNextWrite: null };
  readonly index = new UserSetupIndex();
  private queue: Promise<unknown> = Promise.resolve();
  /** The latest temporary codes answered, by scoped Idempotency-Key, for a replay. Memory only, never stored. */
  private readonly temporaryCodesForReplay = new Map<string, string>();

  constructor(private readonly options: MockHostCoreOptions) {}

  get policy(): PinPolicy {
    return this.options.policy;
  }

  /** Loads the query index from the database; call once after opening or seeding. */
  async loadIndex(): Promise<void> {
    this.index.load(await this.options.db.getAll('userSetups'));
  }

  async handle(request: Request): Promise<Response> {
    let answer: Answer;
    try {
      answer = await this.answer(request);
    } catch (error) {
      answer = errorAnswer(
        error instanceof HostError
          ? error
          : new HostError('Internal_ServerError', 'The host failed to handle the request; nothing was changed.'),
      );
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  private async answer(request: Request): Promise<Answer> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${this.options.basePath}/`))
      throw new HostError('BadRequest_NotFound', `No such endpoint: ${url.pathname}.`);
    const path = url.pathname.slice(this.options.basePath.length + 1);
    const candidates = ROUTES.filter((route) => route.pattern.test(path));
    const route = candidates.find((candidate) => candidate.method === request.method);
    if (!route) {
      const allowed = candidates.map((candidate) => candidate.method).join(', ');
      throw new HostError(
        'BadRequest_NotFound',
        allowed ? `${path} takes ${allowed}, not ${request.method}.` : `No such endpoint: ${path}.`,
      );
    }
    if (this.faults.failNextRequest || (route.action && this.faults.failNextAction)) {
      if (this.faults.failNextRequest) this.faults.failNextRequest = false;
      else this.faults.failNextAction = false;
      throw new HostError(
        'Internal_ServerError',
        'The host failed (a fault switched on for this request); nothing was changed.',
      );
    }
    let id = '';
    try {
      id = decodeURIComponent(route.pattern.exec(path)?.[1] ?? '');
    } catch {
      throw new HostError('BadRequest_NotFound', 'The id in the path is not a valid key.');
    }
    const user = await this.sessionUser();
    const idempotencyHeader = request.headers.get('Idempotency-Key');
    if (idempotencyHeader !== null && (!route.action || !IDEMPOTENCY_KEY.test(idempotencyHeader))) {
      throw new HostError(
        'BadRequest_Malformed',
        route.action
          ? 'Idempotency-Key must be 8 to 64 letters, digits or . _ : -'
          : 'Idempotency-Key is for POST actions only.',
      );
    }
    const context: Context = {
      operationId: route.operationId,
      id,
      body: await this.readBody(request, route),
      ifMatch: request.headers.get('If-Match'),
      idempotencyKey: idempotencyHeader === null ? null : `${user.id} ${route.operationId} ${id} ${idempotencyHeader}`,
      now: this.options.now(),
    };
    if (route.operationId === 'listUserSetups') return this.listUserSetups(user, url.searchParams, context.now);
    if (url.search) throw new HostError('BadRequest_Malformed', `${path} takes no query options.`);
    if (!route.action) return this.read(route.operationId, user, context);
    // Actions run one at a time, so that a check and the write it leads to see the same data.
    const run = this.queue.then(() => this.act(user, context));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sessionUser(): Promise<UserSetupRecord> {
    const user = this.sessionUserSetupId ? await this.options.db.get('userSetups', this.sessionUserSetupId) : undefined;
    if (!user) throw new HostError('Authentication_InvalidCredentials', 'Nobody is signed in: sign in again.');
    return user;
  }

  private async readBody(request: Request, route: Route): Promise<unknown> {
    const text = await request.text();
    if (!route.bodySchema) {
      if (text.trim() && text.trim() !== '{}')
        throw new HostError('BadRequest_Malformed', `${route.operationId} takes no request body.`);
      return undefined;
    }
    if (!text.trim()) {
      if (route.bodyOptional) return {};
      throw new HostError('BadRequest_Malformed', 'The request body is missing: send a JSON object.');
    }
    if (text.length > MAX_BODY_LENGTH)
      throw new HostError('BadRequest_Malformed', `The request body is longer than ${MAX_BODY_LENGTH} characters.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HostError('BadRequest_Malformed', 'The request body is not valid JSON.');
    }
    const problem = contractProblem(route.bodySchema, body);
    if (problem)
      throw new HostError('BadRequest_Malformed', `The request body does not fit ${route.bodySchema}: ${problem}`);
    return body;
  }

  private requireAdministrator(user: UserSetupRecord): void {
    if (!user.administrator)
      throw new HostError('Authorization_Denied', 'You have no access to the Mobile Flow user setup.');
  }

  private async userSetupOrNotFound(id: string): Promise<UserSetupRecord> {
    const record = id ? await this.options.db.get('userSetups', id) : undefined;
    if (!record) throw new HostError('BadRequest_NotFound', `There is no user setup with id ${id}.`);
    return record;
  }

  private async read(operationId: OperationId, user: UserSetupRecord, { id, now }: Context): Promise<Answer> {
    const { db } = this.options;
    switch (operationId) {
      case 'getSession': {
        const session: Session = {
          userId: user.userId,
          displayName: user.displayName,
          resourceNo: user.resourceNo,
          resourceId: user.resourceId,
          canManageUserSetup: user.administrator,
          passwordMandatory: user.passwordMandatory,
          allowPinCode: user.allowPinCode,
          pinCodeStatus: user.pinCodeStatus,
          pinCodeChangedAt: user.pinCodeChangedAt,
          temporaryPinCodeExpiresAt: user.temporaryPinCodeExpiresAt,
          lockedUntil: publicUserSetup(user, now).lockedUntil,
          pinPolicy: this.policy,
        };
        return { status: 200, body: session };
      }
      case 'getUserSetup':
        this.requireAdministrator(user);
        return { status: 200, body: publicUserSetup(await this.userSetupOrNotFound(id), now) };
      case 'listPinCodeEvents': {
        this.requireAdministrator(user);
        await this.userSetupOrNotFound(id);
        const events: PinCodeEvent[] = [];
        const range = IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
        for (
          let cursor = await db.transaction('pinCodeEvents').store.index('userSetup').openCursor(range, 'prev');
          cursor;
          cursor = await cursor.continue()
        ) {
          const { id: eventId, type, at, actor, actorUserId } = cursor.value;
          events.push({ id: String(eventId), type, at, actor, actorUserId });
        }
        return { status: 200, body: { value: events } satisfies PinCodeEventList };
      }
      case 'getResource': {
        // A user who may not read it learns nothing, not even whether it exists.
        if (!user.administrator && user.resourceId !== id)
          throw new HostError('Authorization_Denied', 'You may only read your own Resource card.');
        const resource = id ? await db.get('resources', id) : undefined;
        if (!resource) throw new HostError('BadRequest_NotFound', `There is no resource with id ${id}.`);
        return { status: 200, body: publicResource(resource) };
      }
      default:
        throw new Error(`${operationId} is not a read.`);
    }
  }

  private async listUserSetups(user: UserSetupRecord, params: URLSearchParams, now: Date): Promise<Answer> {
    this.requireAdministrator(user);
    for (const name of params.keys()) {
      if (!QUERY_OPTIONS.includes(name))
        throw new HostError('BadRequest_Malformed', `Unknown query option ${name}; use ${QUERY_OPTIONS.join(', ')}.`);
    }
    const whole = (name: string, fallback: number, maximum: number) => {
      const text = params.get(name);
      if (text === null) return fallback;
      const value = Number(text);
      if (!/^\d{1,9}$/.test(text) || value > maximum)
        throw new HostError('BadRequest_Malformed', `${name} must be a whole number from 0 to ${maximum}.`);
      return value;
    };
    const top = whole('$top', 50, 1000);
    const skip = whole('$skip', 0, 999_999_999);
    const [field = 'userId', direction = 'asc', ...rest] = (params.get('$orderby') ?? 'userId').trim().split(/\s+/);
    if (!(SORT_FIELDS as readonly string[]).includes(field) || !['asc', 'desc'].includes(direction) || rest.length) {
      throw new HostError(
        'BadRequest_Malformed',
        `$orderby must be one of ${SORT_FIELDS.join(', ')}, then asc or desc.`,
      );
    }
    const countText = params.get('$count');
    if (countText !== null && countText !== 'true' && countText !== 'false')
      throw new HostError('BadRequest_Malformed', '$count must be true or false.');
    const filterText = params.get('$filter');
    if (filterText !== null && filterText.length > 1000)
      throw new HostError('BadRequest_Malformed', '$filter is longer than 1000 characters.');
    let filter;
    try {
      filter = filterText === null ? undefined : compileUserSetupFilter(filterText);
    } catch (error) {
      if (error instanceof FilterError) throw new HostError('BadRequest_Malformed', error.message);
      throw error;
    }
    const { ids, count } = this.index.query({
      orderBy: field as SortField,
      descending: direction === 'desc',
      filter,
      nowIso: now.toISOString(),
      skip,
      top,
    });
    const store = this.options.db.transaction('userSetups').store;
    const records = await Promise.all(ids.map((id) => store.get(id)));
    const page: UserSetupPage = {
      value: records.filter((record) => record !== undefined).map((record) => publicUserSetup(record, now)),
    };
    if (countText === 'true') page['@odata.count'] = count;
    return { status: 200, body: page };
  }

  private async act(user: UserSetupRecord, context: Context): Promise<Answer> {
    const { db } = this.options;
    if (context.idempotencyKey) {
      const earlier = await db.get('idempotency', context.idempotencyKey);
      if (earlier) return this.replay(context.idempotencyKey, earlier.status, earlier.body);
    }
    try {
      switch (context.operationId) {
        case 'changePinCode':
          return await this.changePinCode(user, context);
        case 'updateUserSetup':
          return await this.updateUserSetup(user, context);
        case 'issueTemporaryPinCode':
          return await this.issueTemporaryPinCode(user, context);
        case 'unlockPinCode':
          return await this.unlockPinCode(user, context);
        case 'verifyPinCode':
          return await this.verifyPinCode(user, context);
        default:
          throw new Error(`${context.operationId} is not an action.`);
      }
    } catch (error) {
      if (error instanceof HostError) return errorAnswer(error);
      throw error;
    }
  }

  private replay(key: string, status: number, body: unknown): Answer {
    if (status !== 200 || !body || typeof body !== 'object' || !('expiresAt' in body)) return { status, body };
    const pinCode = this.temporaryCodesForReplay.get(key);
    if (pinCode === undefined) {
      throw new HostError(
        'Request_EntityChanged',
        'This temporary PIN code was issued, but the host no longer holds it to show it again: issue a new one.',
      );
    }
    return { status, body: { ...body, pinCode } };
  }

  /**
   * Writes `setup` and whatever `write` adds in one transaction over every store, with the answer to replay when the
   * request has an Idempotency-Key: either everything is written or nothing is. The query index follows on commit.
   */
  private async commit(
    context: Context,
    answer: Answer,
    setup: UserSetupRecord | null,
    write: (tx: WriteTransaction) => Promise<unknown> = async () => undefined,
  ): Promise<Answer> {
    const failure = this.faults.failNextWrite;
    this.faults.failNextWrite = null;
    if (failure === 'afterHash') throw new Error('Injected failure after hashing, before writing.');
    const tx = this.options.db.transaction(ALL_STORES, 'readwrite');
    const done = tx.done;
    try {
      if (setup) await tx.objectStore('userSetups').put(setup);
      await write(tx);
      if (failure === 'duringWrite') throw new Error('Injected failure in the middle of the write.');
      if (context.idempotencyKey) {
        // A temporary code is never stored: it stays in memory for a replay and the stored answer goes without it.
        const { pinCode, ...storable } = answer.body as { pinCode?: string };
        if (pinCode !== undefined) {
          this.temporaryCodesForReplay.set(context.idempotencyKey, pinCode);
          const [oldest] = this.temporaryCodesForReplay.keys();
          if (this.temporaryCodesForReplay.size > MAX_REPLAYABLE_TEMPORARY_CODES)
            this.temporaryCodesForReplay.delete(oldest);
        }
        await tx
          .objectStore('idempotency')
          .put({ key: context.idempotencyKey, status: answer.status, body: storable, at: context.now.toISOString() });
      }
    } catch (error) {
      tx.abort();
      await done.catch(() => undefined);
      throw error;
    }
    await done;
    if (setup) this.index.put(setup);
    return answer;
  }

  private event(
    tx: WriteTransaction,
    userSetupId: string,
    type: PinCodeEvent['type'],
    actor: PinCodeEvent['actor'],
    actorUserId: string | null,
    at: string,
  ) {
    const record: PinCodeEventRecord = { userSetupId, type, at, actor, actorUserId };
    return tx.objectStore('pinCodeEvents').add(record);
  }

  /** Counts a wrong PIN code: the answer says how many attempts are left, or until when the user is locked. */
  private async countFailure(
    setup: UserSetupRecord,
    context: Context,
    actor: PinCodeEvent['actor'],
    wrongAnswer: (remainingAttempts: number) => Answer,
  ): Promise<Answer> {
    const now = context.now.toISOString();
    const failedAttempts = setup.failedAttempts + 1;
    const locks = failedAttempts >= this.policy.maxFailedAttempts;
    const lockedUntil = locks ? addMinutes(context.now, this.policy.lockoutMinutes) : setup.lockedUntil;
    const answer = locks
      ? errorAnswer(
          new HostError('PinCode_Locked', `Too many wrong PIN codes: locked until ${lockedUntil}.`, {
            lockedUntil: lockedUntil!,
          }),
        )
      : wrongAnswer(this.policy.maxFailedAttempts - failedAttempts);
    const updated = { ...setup, failedAttempts: locks ? 0 : failedAttempts, lockedUntil, version: setup.version + 1 };
    return this.commit(context, answer, updated, async (tx) => {
      await this.event(tx, setup.id, 'failedAttempt', actor, actor === 'user' ? setup.userId : null, now);
      if (locks) await this.event(tx, setup.id, 'locked', 'host', null, now);
    });
  }

  private requireUnlocked(setup: UserSetupRecord, now: Date): void {
    if (isAfter(setup.lockedUntil, now)) {
      throw new HostError('PinCode_Locked', `Too many wrong PIN codes: locked until ${setup.lockedUntil}.`, {
        lockedUntil: setup.lockedUntil!,
      });
    }
  }

  private requirePinCodesAllowed(setup: UserSetupRecord): asserts setup is UserSetupRecord & { resourceId: string } {
    if (!setup.allowPinCode || !setup.resourceId) {
      throw new HostError(
        'PinCode_NotAllowed',
        `PIN codes are not allowed for ${setup.userId}${setup.resourceId ? '' : ' (no resource)'}.`,
      );
    }
  }

  /** Answers 410 for an expired temporary code, recording the `expired` event once. */
  private async expiredAnswer(setup: UserSetupRecord, context: Context): Promise<Answer> {
    const answer = errorAnswer(
      new HostError(
        'PinCode_TemporaryExpired',
        'The temporary PIN code has expired: ask your administrator for a new one.',
      ),
    );
    if (setup.expiryRecorded) return answer;
    return this.commit(context, answer, { ...setup, expiryRecorded: true, version: setup.version + 1 }, (tx) =>
      this.event(tx, setup.id, 'expired', 'host', null, context.now.toISOString()),
    );
  }

  private async changePinCode(user: UserSetupRecord, context: Context): Promise<Answer> {
    const { currentPinCode, newPinCode } = context.body as ChangePinCodeRequest;
    const { db, hasher } = this.options;
    this.requirePinCodesAllowed(user);
    this.requireUnlocked(user, context.now);
    const credential = await db.get('credentials', user.resourceId);
    if (credential?.temporary && !isAfter(credential.expiresAt, context.now)) return this.expiredAnswer(user, context);
    const shapeViolations = checkPinCode(newPinCode, this.policy);
    if (shapeViolations.length)
      throw new HostError('PinCode_PolicyViolation', 'The new PIN code breaks the PIN policy.', {
        details: shapeViolations,
      });

    // One argon2id run each for the current and the new code, in parallel: the user's hashes share their salt, so the
    // new code's hash is compared with the history as it is (see CredentialRecord).
    const depth = this.policy.historyDepth;
    const salt = credential?.salt ?? newSalt();
    const [currentHash, newHash] = await Promise.all([
      credential ? hasher.hash(currentPinCode, saltOf(credential.pinCodeHash)) : undefined,
      hasher.hash(newPinCode, salt),
    ]);
    if (credential && !sameHash(currentHash!, credential.pinCodeHash)) {
      return this.countFailure(user, context, 'user', (remainingAttempts) =>
        errorAnswer(new HostError('PinCode_CurrentInvalid', 'The current PIN code is wrong.', { remainingAttempts })),
      );
    }
    const history = credential ? earlierOwnHashes(credential).slice(0, depth) : [];
    const violations = checkPinCode(newPinCode, this.policy, {
      temporaryPinCode: credential?.temporary ? currentPinCode : undefined,
      recentlyUsed: history.some((hash) => sameHash(hash, newHash)),
    });
    if (violations.length)
      throw new HostError('PinCode_PolicyViolation', 'The new PIN code breaks the PIN policy.', {
        details: violations,
      });

    const changedAt = context.now.toISOString();
    const resource = await db.get('resources', user.resourceId);
    if (!resource) throw new HostError('PinCode_NotAllowed', `${user.userId}'s resource no longer exists.`);
    const previousHashes = earlierOwnHashes(credential);
    const pinFields = { pinCodeStatus: 'set', pinCodeChangedAt: changedAt, pinCodeChangedBy: 'user' } as const;
    const updated: UserSetupRecord = {
      ...user,
      ...pinFields,
      temporaryPinCodeExpiresAt: null,
      failedAttempts: 0,
      expiryRecorded: false,
      version: user.version + 1,
    };
    return this.commit(
      context,
      { status: 200, body: { resourceNo: resource.number, changedAt } },
      updated,
      async (tx) => {
        await tx.objectStore('resources').put({ ...resource, ...pinFields, version: resource.version + 1 });
        await tx.objectStore('credentials').put({
          resourceId: resource.id,
          salt,
          pinCodeHash: newHash,
          temporary: false,
          expiresAt: null,
          previousHashes,
        });
        await this.event(tx, user.id, 'changedByUser', 'user', user.userId, changedAt);
      },
    );
  }

  private async updateUserSetup(user: UserSetupRecord, context: Context): Promise<Answer> {
    this.requireAdministrator(user);
    const setup = await this.userSetupOrNotFound(context.id);
    if (context.ifMatch === null)
      throw new HostError(
        'BadRequest_InvalidToken',
        'If-Match is missing: send the @odata.etag the change is based on.',
      );
    if (context.ifMatch !== '*' && context.ifMatch !== etag(setup.version)) {
      throw new HostError(
        'Request_EntityChanged',
        `${setup.userId} was changed by someone else since it was read: read it again.`,
      );
    }
    const changes = context.body as UserSetupChanges;
    const updated: UserSetupRecord = { ...setup, ...changes, version: setup.version + 1 };
    return this.commit(context, { status: 200, body: publicUserSetup(updated, context.now) }, updated);
  }

  private async issueTemporaryPinCode(user: UserSetupRecord, context: Context): Promise<Answer> {
    this.requireAdministrator(user);
    const setup = await this.userSetupOrNotFound(context.id);
    this.requirePinCodesAllowed(setup);
    const chosen = (context.body as IssueTemporaryPinCodeRequest).pinCode;
    if (chosen !== undefined) {
      const violations = this.policy.administratorMayChoosePinCode
        ? checkPinCode(chosen, this.policy)
        : [{ rule: 'administratorMayNotChoose' as const }];
      if (violations.length)
        throw new HostError('PinCode_PolicyViolation', 'The temporary PIN code breaks the PIN policy.', {
          details: violations,
        });
    }
    const pinCode = chosen ?? generateTemporaryPinCode(this.policy.temporaryLength);
    const { db, hasher } = this.options;
    const [credential, resource] = await Promise.all([
      db.get('credentials', setup.resourceId),
      db.get('resources', setup.resourceId),
    ]);
    const salt = credential?.salt ?? newSalt();
    const hash = await hasher.hash(pinCode, salt);
    if (!resource) throw new HostError('PinCode_NotAllowed', `${setup.userId}'s resource no longer exists.`);
    const issuedAt = context.now.toISOString();
    const expiresAt = addMinutes(context.now, this.policy.temporaryTtlHours * 60);
    const previousHashes = earlierOwnHashes(credential);
    const pinFields = {
      pinCodeStatus: 'temporary',
      pinCodeChangedAt: issuedAt,
      pinCodeChangedBy: 'administrator',
    } as const;
    const updated: UserSetupRecord = {
      ...setup,
      ...pinFields,
      temporaryPinCodeExpiresAt: expiresAt,
      expiryRecorded: false,
      version: setup.version + 1,
    };
    const answer: TemporaryPinCode = { userSetup: publicUserSetup(updated, context.now), pinCode, expiresAt };
    return this.commit(context, { status: 200, body: answer }, updated, async (tx) => {
      await tx.objectStore('resources').put({ ...resource, ...pinFields, version: resource.version + 1 });
      const stored: CredentialRecord = {
        resourceId: resource.id,
        salt,
        pinCodeHash: hash,
        temporary: true,
        expiresAt,
        previousHashes,
      };
      await tx.objectStore('credentials').put(stored);
      await this.event(tx, setup.id, 'temporaryIssued', 'administrator', user.userId, issuedAt);
    });
  }

  private async unlockPinCode(user: UserSetupRecord, context: Context): Promise<Answer> {
    this.requireAdministrator(user);
    const setup = await this.userSetupOrNotFound(context.id);
    const wasLocked = isAfter(setup.lockedUntil, context.now);
    const updated: UserSetupRecord = { ...setup, lockedUntil: null, failedAttempts: 0, version: setup.version + 1 };
    return this.commit(context, { status: 200, body: publicUserSetup(updated, context.now) }, updated, async (tx) => {
      if (wasLocked)
        await this.event(tx, setup.id, 'unlocked', 'administrator', user.userId, context.now.toISOString());
    });
  }

  private async verifyPinCode(_device: UserSetupRecord, context: Context): Promise<Answer> {
    const { db, hasher } = this.options;
    const resource = context.id ? await db.get('resources', context.id) : undefined;
    const setup = resource ? await db.getFromIndex('userSetups', 'resourceId', resource.id) : undefined;
    if (!resource || !setup) throw new HostError('BadRequest_NotFound', `There is no resource with id ${context.id}.`);
    this.requirePinCodesAllowed(setup);
    this.requireUnlocked(setup, context.now);
    const { pinCode } = context.body as VerifyPinCodeRequest;
    const credential = await db.get('credentials', resource.id);
    const valid = credential !== undefined && (await hasher.verify(pinCode, credential.pinCodeHash));
    if (!valid) {
      return this.countFailure(setup, context, 'device', (remainingAttempts) => ({
        status: 200,
        body: { valid: false, mustChange: false, remainingAttempts } satisfies VerifyPinCodeResult,
      }));
    }
    if (credential.temporary && !isAfter(credential.expiresAt, context.now)) return this.expiredAnswer(setup, context);
    const answer: Answer = {
      status: 200,
      body: { valid: true, mustChange: credential.temporary } satisfies VerifyPinCodeResult,
    };
    if (setup.failedAttempts === 0 && !context.idempotencyKey) return answer;
    return this.commit(
      context,
      answer,
      setup.failedAttempts > 0 ? { ...setup, failedAttempts: 0, version: setup.version + 1 } : null,
    );
  }
}
