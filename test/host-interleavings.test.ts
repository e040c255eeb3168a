/**
 * Random interleavings of what an administrator, two users and a device do at the same time, against a fresh mock host
 * per run. The test does not predict each answer (the order the host serializes racing requests in is its own); it
 * keeps a small model of what it has seen and checks, after every step, what must hold whatever that order was.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createMobileFlowClient, MobileFlowError, type MobileFlowClient } from '../src/api/index.js';
import {
  checkPinCode,
  type ChangePinCodeRequest,
  type PinCodeEvent,
  type TemporaryPinCode,
  type UserSetup,
  type VerifyPinCodeResult,
} from '../src/domain/index.js';
import { IDEMPOTENCY_KEY_HOURS } from '../src/host/index.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';

const START = Date.parse('2026-11-26T09:00:00.000Z');
const MINUTE = 60_000;
const KEY_LIFETIME = IDEMPOTENCY_KEY_HOURS * 60 * MINUTE;
/** The lowest the policy allows, so that locks are reached often. */
const MAX_FAILED_ATTEMPTS = 3;
/** A repeated pair: the policy refuses it, so it is never anybody's PIN code. */
const WRONG = '58585858';
/** An ascending run: refused as a new PIN code before the current one is even checked. */
const WEAK = '123456';

type UserId = 'ANNA' | 'LARS';
const USERS: readonly UserId[] = ['ANNA', 'LARS'];
/** The code an action sends: the one the model believes current, a wrong one, none, or one that was current once. */
type CodeChoice = 'right' | 'wrong' | 'empty' | 'old';
/** A new Idempotency-Key, or one sent in an earlier step (by `pick`) with the same body or another one. */
type Reuse = { kind: 'none' } | { kind: 'same' | 'different'; pick: number };

type Action =
  | { kind: 'verify'; user: UserId; code: CodeChoice; reuse: Reuse }
  | { kind: 'change'; user: UserId; current: CodeChoice; weakNewCode: boolean; reuse: Reuse }
  | { kind: 'issue'; user: UserId; reuse: Reuse }
  | { kind: 'unlock'; user: UserId }
  /** With the etag the administrator last read, or (`staleEtag`) one of the etags they read before. */
  | {
      kind: 'patch';
      user: UserId;
      field: 'allowPinCode' | 'passwordMandatory';
      value: boolean;
      staleEtag: number | null;
    }
  | { kind: 'read'; user: UserId }
  | { kind: 'list' };

interface Step {
  /** How far the host's clock moves before the step. */
  minutes: number;
  /** Sent together, with Promise.all. */
  actions: Action[];
  /** One of the actions (by index) is sent twice at once, with the same Idempotency-Key and body. */
  twin: number | null;
  /** Afterwards, the device tries each user's code where the model is sure of it: it must be accepted. */
  probe: boolean;
}

/** What a call ended with: its result, or the error's code and what came with it. */
type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; code: string; status: number; remainingAttempts?: number; lockedUntil?: string };

async function settle(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof MobileFlowError)) throw error;
    const { code, status, remainingAttempts, lockedUntil } = error;
    return {
      ok: false,
      code,
      status,
      ...(remainingAttempts !== undefined && { remainingAttempts }),
      ...(lockedUntil !== undefined && { lockedUntil }),
    };
  }
}

/** JSON with every object's keys sorted, so that two equal answers give one text. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const isValid = (outcome: Outcome) => outcome.ok && (outcome.value as VerifyPinCodeResult).valid === true;
const isLocked = (outcome: Outcome) => !outcome.ok && outcome.code === 'PinCode_Locked';

/** The attempts left that a counted wrong code answered, or undefined when the answer was not a counted wrong code. */
function countedWrong(operation: KeyedOperation, outcome: Outcome): number | undefined {
  if (operation === 'verifyPinCode' && outcome.ok && (outcome.value as VerifyPinCodeResult).valid === false) {
    return (outcome.value as VerifyPinCodeResult).remainingAttempts ?? -1;
  }
  if (operation === 'changePinCode' && !outcome.ok && outcome.code === 'PinCode_CurrentInvalid') {
    return outcome.remainingAttempts ?? -1;
  }
  return undefined;
}

function brief(outcome: Outcome | undefined): string {
  if (!outcome) return 'no answer';
  if (!outcome.ok) {
    const extra = outcome.remainingAttempts ?? outcome.lockedUntil;
    return `${outcome.code}${extra === undefined ? '' : ` (${extra})`}`;
  }
  const value = outcome.value as Partial<UserSetup & TemporaryPinCode & VerifyPinCodeResult>;
  if (value.userSetup) return `issued ${value.pinCode}, ${value.userSetup['@odata.etag']}`;
  if (value['@odata.etag']) return `${value.pinCodeStatus}, ${value['@odata.etag']}, lockedUntil ${value.lockedUntil}`;
  return canonical(value).slice(0, 100);
}

type KeyedOperation = 'verifyPinCode' | 'changePinCode' | 'issueTemporaryPinCode';
type Body = Record<string, string>;

/** One request of an action that takes an Idempotency-Key. */
interface KeyedSend {
  operation: KeyedOperation;
  /** Whose state it acts on. */
  user: UserId;
  key: string;
  body: Body;
  outcome?: Outcome;
}

/** What the host stored under a key: the first answer, bound to its body for the key's lifetime. */
interface KeyRecord {
  operation: KeyedOperation;
  user: UserId;
  body: Body;
  at: number;
  first: Outcome;
}

/** What one step (or one round of checks) did to one user, as far as its answers tell. */
interface Tally {
  /** attempts left, from each counted wrong code answered for the first time */
  wrongs: number[];
  /** Something may have cleared the count of wrong codes: a code accepted or changed, an unlock. */
  resets: boolean;
  unlocks: number;
  /** PIN codes written: a temporary one issued, or a new one from a change. */
  writes: Array<{ kind: 'issue' | 'change'; code: string }>;
}

/** A request of a step, ready to be sent with the others. */
interface Call {
  label: string;
  /** When it takes an Idempotency-Key. */
  send?: KeyedSend;
  run: () => Promise<Outcome | undefined>;
}

/** What a step must check once all its requests are answered. */
interface PendingChecks {
  keysInStep: Set<string>;
  sends: KeyedSend[];
  unlocks: UserId[];
  patches: Array<{ action: Extract<Action, { kind: 'patch' }>; etag: string; outcome?: Outcome }>;
}

const newTally = (): Tally => ({ wrongs: [], resets: false, unlocks: 0, writes: [] });

interface UserModel {
  id: string;
  resourceId: string;
  /** The current PIN code when the model is sure of it (null: none); undefined when it is not sure. */
  code: string | null | undefined;
  /** When the model is not sure: codes that may be current. */
  candidates: string[];
  /** Codes that were current once and are no longer. */
  earlier: string[];
  /** Counted wrong codes answered so far, and answers that may have reached a lock. */
  counted: number;
  lockCauses: number;
  /** The user's events when the run began, and at the last reading. */
  baseline: { failedAttempt: number; locked: number };
  events: { failedAttempt: number; locked: number };
  /** The etag the administrator last received for this user, and every one they received. */
  adminEtag: string;
  adminEtags: string[];
  /** Setup and card as read after the last step. */
  setup: UserSetup;
}

class InvariantBroken extends Error {
  override name = 'InvariantBroken';
}

/** One run: a fresh mock host, a client per identity whose every answer is recorded, and the model. */
class Interleaving {
  clock = START;
  readonly trace: string[] = [];
  private readonly responses: Array<{ who: string; url: string; status: number; text: string; at: number }> = [];
  private checkedResponses = 0;
  /** Every PIN code sent or issued in the run; none may appear in an answer but an issue's own. */
  private readonly codes = new Set<string>();
  private readonly keys = new Map<string, KeyRecord>();
  /** `userSetups(id) etag` → the state it names (without lockedUntil, which a read shows only while it lasts). */
  private readonly states = new Map<string, string>();
  private readonly locks = new Map<string, { until?: string; nullAt?: number }>();
  private readonly patchedEtags = new Set<string>();
  host!: MockHost;
  private admin!: MobileFlowClient;
  private device!: MobileFlowClient;
  private users!: Record<UserId, UserModel>;
  private clients!: Record<UserId, MobileFlowClient>;

  static async start(transport: 'msw' | 'direct'): Promise<Interleaving> {
    const run = new Interleaving();
    run.host = await startMockHost({
      argon2idCost: TEST_ARGON2ID,
      transport,
      dbName: `interleave-${crypto.randomUUID()}`,
      now: () => new Date(run.clock),
      // The device's throttle (promise 11) is proved elsewhere; here its many wrong codes must all be checked.
      policy: { maxFailedAttempts: MAX_FAILED_ATTEMPTS, maxDeviceFailures: 1000 },
    });
    try {
      expect(run.host.transport).to.equal(transport);
      run.admin = await run.clientAs('ADMIN');
      // The device is an identity of its own: only a device checks PIN codes.
      run.device = await run.clientAs('device');
      run.clients = { ANNA: await run.clientAs('ANNA'), LARS: await run.clientAs('LARS') };
      const page = await run.admin.listUserSetups({ top: 50 });
      const model = async (userId: UserId, code: string | null | undefined): Promise<UserModel> => {
        const setup = page.value.find((candidate) => candidate.userId === userId)!;
        const events = await run.eventCounts(setup.id);
        return {
          id: setup.id,
          resourceId: setup.resourceId!,
          code,
          candidates: [],
          earlier: [],
          counted: 0,
          lockCauses: 0,
          baseline: events,
          events,
          adminEtag: setup['@odata.etag'],
          adminEtags: [setup['@odata.etag']],
          setup,
        };
      };
      // Anna starts with no PIN code; Lars with one nobody knows.
      run.users = { ANNA: await model('ANNA', null), LARS: await model('LARS', undefined) };
      run.checkAnswers();
      return run;
    } catch (error) {
      await run.host.stop({ deleteData: true });
      throw error;
    }
  }

  /** A client acting as `userId`, or as the device when `userId` is `'device'`, whose every answer is recorded. */
  private async clientAs(userId: string): Promise<MobileFlowClient> {
    const token = userId === 'device' ? this.host.deviceTokenFor('device') : await this.host.tokenFor(userId);
    const recording: typeof fetch = async (input, init) => {
      const response = await this.host.fetch(input, init);
      const text = await response.clone().text();
      this.responses.push({ who: userId, url: String(input), status: response.status, text, at: this.clock });
      return response;
    };
    // No retries and a long timeout: every request the host answers is one the test has seen.
    return createMobileFlowClient({
      baseUrl: this.host.baseUrl,
      fetch: recording,
      headers: { Authorization: `Bearer ${token}` },
      retries: 0,
      timeoutMs: 60_000,
    });
  }

  /** Throws, naming the invariant, with what the run did last. */
  invariant(name: string, holds: boolean, detail: () => string): void {
    if (holds) return;
    const recent = this.trace.slice(-40).join('\n  ');
    throw new InvariantBroken(`Invariant "${name}" broke: ${detail()}\n  what the run did last:\n  ${recent}`);
  }

  private freshCode(): string {
    for (;;) {
      const code = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte % 10).join('');
      if (!this.codes.has(code) && checkPinCode(code, this.host.policy).length === 0) {
        this.codes.add(code);
        return code;
      }
    }
  }

  private codeFor(user: UserId, choice: CodeChoice): string {
    const model = this.users[user];
    if (choice === 'right') return model.code ?? model.candidates.at(-1) ?? WRONG;
    if (choice === 'old') return model.earlier.at(-1) ?? WRONG;
    return choice === 'wrong' ? WRONG : '';
  }

  /** A request with a new key, or with a key sent before (never one already sent in this step). */
  private keyedSend(
    operation: KeyedOperation,
    user: UserId,
    reuse: Reuse,
    freshBody: () => Body,
    otherBody: (body: Body) => Body,
    keysInStep: Set<string>,
  ): KeyedSend {
    if (reuse.kind !== 'none') {
      const earlier = [...this.keys].filter(
        ([key, record]) => record.operation === operation && record.user === user && !keysInStep.has(key),
      );
      if (earlier.length) {
        const [key, record] = earlier[reuse.pick % earlier.length];
        keysInStep.add(key);
        return { operation, user, key, body: reuse.kind === 'same' ? record.body : otherBody(record.body) };
      }
    }
    const key = crypto.randomUUID();
    keysInStep.add(key);
    return { operation, user, key, body: freshBody() };
  }

  private sendKeyed(send: KeyedSend): Promise<void> {
    for (const code of Object.values(send.body)) if (code) this.codes.add(code);
    const { id, resourceId } = this.users[send.user];
    const options = { idempotencyKey: send.key };
    const call =
      send.operation === 'verifyPinCode'
        ? this.device.verifyPinCode(resourceId, { pinCode: send.body.pinCode }, options)
        : send.operation === 'changePinCode'
          ? this.clients[send.user].changePinCode(send.body as unknown as ChangePinCodeRequest, options)
          : this.admin.issueTemporaryPinCode(id, send.body, options);
    return settle(call).then((outcome) => {
      send.outcome = outcome;
    });
  }

  /** The keyed request an action sends: its code resolved from the model, its key new or sent before. */
  private keyedSendFor(action: Extract<Action, { reuse: Reuse }>, keysInStep: Set<string>): KeyedSend {
    const { user, reuse } = action;
    switch (action.kind) {
      case 'verify':
        return this.keyedSend(
          'verifyPinCode',
          user,
          reuse,
          () => ({ pinCode: this.codeFor(user, action.code) }),
          (body) => ({ pinCode: body.pinCode === WRONG ? '' : WRONG }),
          keysInStep,
        );
      case 'change':
        return this.keyedSend(
          'changePinCode',
          user,
          reuse,
          () => ({
            currentPinCode: this.codeFor(user, action.current),
            newPinCode: action.weakNewCode ? WEAK : this.freshCode(),
          }),
          (body) => ({ ...body, newPinCode: this.freshCode() }),
          keysInStep,
        );
      case 'issue':
        return this.keyedSend(
          'issueTemporaryPinCode',
          user,
          reuse,
          () => ({}),
          (body): Body => ('pinCode' in body ? {} : { pinCode: this.freshCode() }),
          keysInStep,
        );
    }
  }

  /** One action of a step, ready to be sent; what the step must check afterwards is noted in `pending`. */
  private prepare(action: Action, pending: PendingChecks): Call {
    const label = canonical(action);
    if ('reuse' in action) {
      const send = this.keyedSendFor(action, pending.keysInStep);
      pending.sends.push(send);
      return {
        label: `${label} key ${send.key.slice(0, 8)} body ${canonical(send.body)}`,
        send,
        run: () => this.sendKeyed(send).then(() => send.outcome),
      };
    }
    if (action.kind === 'list') return { label, run: () => settle(this.admin.listUserSetups({ top: 50 })) };
    const model = this.users[action.user];
    switch (action.kind) {
      case 'read':
        return { label, run: () => settle(this.admin.getUserSetup(model.id)) };
      case 'unlock':
        return {
          label,
          run: async () => {
            const outcome = await settle(this.admin.unlockPinCode(model.id));
            if (outcome.ok) pending.unlocks.push(action.user);
            return outcome;
          },
        };
      case 'patch': {
        const etag =
          action.staleEtag === null ? model.adminEtag : model.adminEtags[action.staleEtag % model.adminEtags.length];
        const patch: PendingChecks['patches'][number] = { action, etag };
        pending.patches.push(patch);
        return {
          label: `${label} If-Match ${etag}`,
          run: async () => {
            patch.outcome = await settle(
              this.admin.updateUserSetup({ id: model.id, '@odata.etag': etag }, { [action.field]: action.value }),
            );
            return patch.outcome;
          },
        };
      }
    }
  }

  async step(step: Step, index: number): Promise<void> {
    this.clock += step.minutes * MINUTE;
    // The administrator reloads; nothing else runs until the step, so this is the state every action starts from.
    for (const user of USERS) this.users[user].setup = await this.admin.getUserSetup(this.users[user].id);
    const startEtags = { ANNA: this.users.ANNA.setup['@odata.etag'], LARS: this.users.LARS.setup['@odata.etag'] };
    this.checkAnswers();

    const pending: PendingChecks = { keysInStep: new Set(), sends: [], unlocks: [], patches: [] };
    const calls = step.actions.map((action) => this.prepare(action, pending));
    const twinOf = step.twin === null ? undefined : calls[step.twin % calls.length].send;
    if (twinOf) {
      const twin: KeyedSend = { ...twinOf, outcome: undefined };
      pending.sends.push(twin);
      calls.push({
        label: `the same again, key ${twin.key.slice(0, 8)}`,
        run: () => this.sendKeyed(twin).then(() => twin.outcome),
      });
    }
    const outcomes = await Promise.all(calls.map((call) => call.run()));
    calls.forEach((call, i) =>
      this.trace.push(`step ${index} (+${step.minutes} min): ${call.label} → ${brief(outcomes[i])}`),
    );

    const tallies = this.account(pending.sends);
    for (const user of pending.unlocks) {
      tallies[user].unlocks += 1;
      tallies[user].resets = true;
    }
    this.checkPatches(pending.patches, startEtags);
    await this.readSetupsAndCards();
    for (const user of USERS) this.learnCodes(user, tallies[user].writes);
    await this.checkEvents(tallies);
    await this.checkLocksAndCodes(step.probe);
    this.checkAnswers();
  }

  /**
   * A PATCH succeeds only with the etag the setup had when the step began, and only once per etag: a racing PATCH
   * with the same If-Match, or one with an etag read before, is refused.
   */
  private checkPatches(patches: PendingChecks['patches'], startEtags: Record<UserId, string>): void {
    for (const { action, etag, outcome } of patches) {
      if (!outcome?.ok) continue;
      const patched = outcome.value as UserSetup;
      this.invariant(
        '8 concurrent edits never overwrite each other',
        etag === startEtags[action.user],
        () =>
          `a PATCH of ${action.user} with If-Match ${etag} succeeded, but the setup was at ${startEtags[action.user]} when the step began`,
      );
      this.invariant(
        '8 concurrent edits never overwrite each other',
        !this.patchedEtags.has(`${action.user} ${etag}`),
        () => `two PATCHes of ${action.user} with If-Match ${etag} both succeeded`,
      );
      this.patchedEtags.add(`${action.user} ${etag}`);
      this.invariant('8 a PATCH saves what it was sent', patched[action.field] === action.value, () =>
        canonical(patched),
      );
    }
  }

  /**
   * Counts the answers of the keyed sends of one step or round of checks. A key sent in an earlier step (within its
   * lifetime) is answered as a replay and counts nothing; a new key's first answer counts, and a second send of it in
   * the same step is a replay of whichever came first.
   */
  private account(sends: KeyedSend[]): Record<UserId, Tally> {
    const tallies: Record<UserId, Tally> = { ANNA: newTally(), LARS: newTally() };
    const byKey = new Map<string, KeyedSend[]>();
    for (const send of sends) byKey.set(send.key, [...(byKey.get(send.key) ?? []), send]);
    for (const [key, group] of byKey) {
      const { operation, user, body } = group[0];
      const record = this.keys.get(key);
      if (record && record.at + KEY_LIFETIME > this.clock) {
        for (const send of group) this.checkReplay(send, record);
        continue;
      }
      const first = this.firstOf(operation, group);
      this.keys.set(key, { operation, user, body, at: this.clock, first });
      const model = this.users[user];
      const tally = tallies[user];
      if (isLocked(first)) {
        model.lockCauses += 1;
        const until = first.ok ? undefined : first.lockedUntil;
        this.invariant(
          '5 a lock says until when',
          until !== undefined && Date.parse(until) > this.clock,
          () => `${operation} for ${user} answered PinCode_Locked with lockedUntil ${until}`,
        );
      }
      const remaining = countedWrong(operation, first);
      if (remaining !== undefined) {
        model.counted += 1;
        tally.wrongs.push(remaining);
      }
      if (!first.ok) continue;
      if (operation === 'changePinCode') {
        tally.resets = true;
        tally.writes.push({ kind: 'change', code: body.newPinCode });
      } else if (operation === 'verifyPinCode') {
        tally.resets ||= isValid(first);
      } else {
        tally.writes.push({ kind: 'issue', code: (first.value as TemporaryPinCode).pinCode });
      }
    }
    return tallies;
  }

  /** Of two sends of one new key in one step, the first answer: the other one repeats it, or checks a valid code again. */
  private firstOf(operation: KeyedOperation, group: KeyedSend[]): Outcome {
    const [a, b] = group.map((send) => send.outcome!);
    if (b === undefined || canonical(a) === canonical(b)) return a;
    if (operation === 'verifyPinCode' && (isValid(a) || isValid(b))) return isValid(a) ? a : b;
    return this.fail('9 a retry is a retry', () => `two sends of key ${group[0].key} got ${brief(a)} and ${brief(b)}`);
  }

  private fail(name: string, detail: () => string): never {
    this.invariant(name, false, detail);
    throw new Error('unreachable');
  }

  private checkReplay(send: KeyedSend, record: KeyRecord): void {
    const answer = send.outcome!;
    if (canonical(send.body) !== canonical(record.body)) {
      this.invariant(
        '9 a key sent again with another body is refused',
        !answer.ok && answer.code === 'Request_IdempotencyKeyReused',
        () => `${send.operation} for ${send.user} with key ${send.key} and a new body answered ${brief(answer)}`,
      );
      return;
    }
    // A valid code is checked again against the state as it is now; an issued code may no longer be held to show.
    if (send.operation === 'verifyPinCode' && isValid(record.first)) return;
    if (send.operation === 'issueTemporaryPinCode' && !answer.ok && answer.code === 'Request_EntityChanged') return;
    this.invariant(
      '9 a replay gets the first answer again',
      canonical(answer) === canonical(record.first),
      () =>
        `${send.operation} for ${send.user} with key ${send.key} first answered ${brief(record.first)}, then ${brief(answer)}`,
    );
  }

  /** Setup and Resource card, read as the administrator: they agree on the PIN code's status, time and author. */
  private async readSetupsAndCards(): Promise<void> {
    for (const user of USERS) {
      const model = this.users[user];
      const [setup, card] = await Promise.all([
        this.admin.getUserSetup(model.id),
        this.admin.getResource(model.resourceId),
      ]);
      model.setup = setup;
      const fields = ['pinCodeStatus', 'pinCodeChangedAt', 'pinCodeChangedBy'] as const;
      this.invariant(
        '3 the setup and the Resource card agree',
        fields.every((field) => setup[field] === card[field]),
        () => `${user}: setup ${canonical(fields.map((f) => setup[f]))}, card ${canonical(fields.map((f) => card[f]))}`,
      );
    }
  }

  /**
   * What the model believes current after a step: a code written in it is current when the setup says the last write
   * was of its kind and only one such write happened; otherwise the model is not sure any more.
   */
  private learnCodes(user: UserId, writes: Tally['writes']): void {
    if (!writes.length) return;
    const model = this.users[user];
    const unique = [...new Map(writes.map((write) => [write.code, write])).values()];
    const issued = unique.filter((write) => write.kind === 'issue');
    const changed = unique.filter((write) => write.kind === 'change');
    const { pinCodeStatus, pinCodeChangedBy } = model.setup;
    const last =
      pinCodeStatus === 'temporary' && pinCodeChangedBy === 'administrator' && issued.length === 1
        ? issued[0].code
        : pinCodeStatus === 'set' && pinCodeChangedBy === 'user' && changed.length === 1
          ? changed[0].code
          : undefined;
    const before = typeof model.code === 'string' ? [model.code] : model.candidates;
    if (last === undefined) {
      model.code = undefined;
      model.candidates = [...new Set([...before, ...unique.map((write) => write.code)])];
      return;
    }
    model.earlier.push(...before.filter((code) => code !== last));
    model.code = last;
    model.candidates = [];
  }

  private async eventCounts(userSetupId: string): Promise<{ failedAttempt: number; locked: number }> {
    const events: PinCodeEvent[] = (await this.admin.listPinCodeEvents(userSetupId)).value;
    events.forEach((event, i) => {
      // Newest first: a lock is written with the failed attempt that reached the threshold, at the same moment.
      const before = events[i + 1];
      this.invariant(
        '5 a lock comes from the wrong code that reached the threshold',
        event.type !== 'locked' || (before?.type === 'failedAttempt' && before.at === event.at),
        () => `a locked event at ${event.at} follows ${canonical(before)}`,
      );
    });
    const count = (type: PinCodeEvent['type']) => events.filter((event) => event.type === type).length;
    return { failedAttempt: count('failedAttempt'), locked: count('locked') };
  }

  /**
   * Every wrong code before a lock is counted, none twice: the failedAttempt events are the counted wrong answers plus
   * the answers that reached a lock. In a step where nothing could clear the count, each wrong code was counted on top
   * of the one before: the attempts left that they answered run down one by one.
   */
  private async checkEvents(tallies?: Record<UserId, Tally>): Promise<void> {
    for (const user of USERS) {
      const model = this.users[user];
      const events = await this.eventCounts(model.id);
      const failed = events.failedAttempt - model.baseline.failedAttempt;
      const locked = events.locked - model.baseline.locked;
      this.invariant(
        '1 every wrong attempt before a lock is counted, none twice',
        failed === model.counted + locked,
        () =>
          `${user} has ${failed} failedAttempt events, but ${model.counted} answers said the code was wrong and ${locked} reached a lock`,
      );
      this.invariant(
        '1 every wrong attempt before a lock is counted, none twice',
        locked <= model.lockCauses,
        () =>
          `${user} has ${locked} locked events, but only ${model.lockCauses} answers said PinCode_Locked for the first time`,
      );
      const tally = tallies?.[user];
      const newLocks = events.locked - model.events.locked;
      model.events = events;
      if (!tally) continue;
      this.invariant(
        '5 a lock lasts until it ends or is unlocked',
        newLocks <= 1 + tally.unlocks,
        () => `${user} was locked ${newLocks} times in one step with ${tally.unlocks} unlocks`,
      );
      if (tally.resets) continue;
      const wrongs = [...tally.wrongs].sort((a, b) => b - a);
      this.invariant(
        '5 guessing is stopped however the guesses arrive',
        wrongs.every((left, i) => left >= 1 && left < MAX_FAILED_ATTEMPTS && (i === 0 || left === wrongs[i - 1] - 1)) &&
          (newLocks === 0 || wrongs.length === 0 || wrongs.at(-1) === 1),
        () =>
          `${user}'s wrong codes in one step answered remainingAttempts ${canonical(wrongs)} (${newLocks} new locks)`,
      );
    }
  }

  /**
   * A user whose session shows a lock is refused even the right code (and that refusal is not counted); a user who is
   * not locked, holds a usable code and may use PIN codes gets the code the model is sure of accepted.
   */
  async checkLocksAndCodes(probe: boolean): Promise<void> {
    const sends: KeyedSend[] = [];
    for (const user of USERS) {
      const model = this.users[user];
      const session = await this.clients[user].getSession();
      const usable =
        session.pinCodeStatus === 'set' ||
        (session.pinCodeStatus === 'temporary' && Date.parse(session.temporaryPinCodeExpiresAt!) > this.clock);
      const locked = session.lockedUntil !== null && Date.parse(session.lockedUntil) > this.clock;
      if (!session.allowPinCode || !usable) continue;
      const send: KeyedSend = { operation: 'verifyPinCode', user, key: crypto.randomUUID(), body: {} };
      if (locked) {
        send.body = { pinCode: this.codeFor(user, 'right') };
        await this.sendKeyed(send);
        sends.push(send);
        this.trace.push(
          `check: ${user} locked until ${session.lockedUntil}, verify ${send.body.pinCode} → ${brief(send.outcome)}`,
        );
        const answer = send.outcome!;
        this.invariant(
          '2 locked from the threshold on, even for the right code',
          !answer.ok && answer.code === 'PinCode_Locked' && answer.lockedUntil === session.lockedUntil,
          () =>
            `${user}'s session says locked until ${session.lockedUntil}, but the device check answered ${brief(answer)}`,
        );
      } else if (probe && typeof model.code === 'string') {
        send.body = { pinCode: model.code };
        await this.sendKeyed(send);
        sends.push(send);
        this.trace.push(`probe: ${user} verify ${model.code} → ${brief(send.outcome)}`);
        const answer = send.outcome!;
        this.invariant(
          'the right current code is accepted',
          isValid(answer) &&
            (answer.ok && (answer.value as VerifyPinCodeResult).mustChange) === (session.pinCodeStatus === 'temporary'),
          () => `${user} (${session.pinCodeStatus}, not locked) was refused the code the model knows: ${brief(answer)}`,
        );
      }
    }
    this.account(sends);
  }

  /** Ends the run: the last checks, with a full list read so that it too is held to one etag per state. */
  async finish(): Promise<void> {
    await this.readSetupsAndCards();
    await this.checkLocksAndCodes(true);
    await this.checkEvents();
    await this.admin.listUserSetups({ top: 50 });
    this.checkAnswers();
  }

  /**
   * Every answer since the last check: never a 500, never a hash or a PIN code (an issue's answer holds its own code,
   * once), and every setup or card in it names one state per etag.
   */
  private checkAnswers(): void {
    const fresh = this.responses.slice(this.checkedResponses);
    this.checkedResponses = this.responses.length;
    const bodies = fresh.map((response) => (response.text ? (JSON.parse(response.text) as unknown) : undefined));
    const issuedCode = (i: number) =>
      fresh[i].status === 200 && fresh[i].url.endsWith('/Microsoft.NAV.issueTemporaryPinCode')
        ? (bodies[i] as TemporaryPinCode).pinCode
        : undefined;
    fresh.forEach((_, i) => {
      const code = issuedCode(i);
      if (code) this.codes.add(code);
    });
    fresh.forEach((response, i) => {
      const where = `${response.who}'s ${response.url.replace(this.host.baseUrl, '')} (${response.status})`;
      this.invariant('never a 500', response.status < 500, () => `${where}: ${response.text}`);
      this.invariant(
        '5 no code or hash in any answer',
        !response.text.includes('$argon2') && !/pinCodeHash|previousHashes|"salt"/.test(response.text),
        () => `${where}: ${response.text}`,
      );
      const own = issuedCode(i);
      if (own) {
        this.invariant(
          '5 an issued temporary code is shown once',
          response.text.split(own).length === 2,
          () => `${where}: ${response.text}`,
        );
      }
      for (const code of this.codes) {
        if (code === own) continue;
        // Codes are digits; an id may hold digits, but never as a word of its own.
        this.invariant(
          '5 no code or hash in any answer',
          !new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`).test(response.text),
          () => `${where} holds the PIN code ${code}: ${response.text}`,
        );
      }
      this.observe(bodies[i], response.at, response.who);
    });
  }

  /** Records every setup and card in an answer under its etag; the same etag must always name the same state. */
  private observe(value: unknown, at: number, who: string): void {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const inner of value) this.observe(inner, at, who);
      return;
    }
    const entity = value as Record<string, unknown>;
    const etag = entity['@odata.etag'];
    if (typeof etag === 'string' && typeof entity.id === 'string') {
      const isSetup = 'userId' in entity;
      const name = `${isSetup ? 'userSetups' : 'resources'}(${entity.id}) ${etag}`;
      const state = canonical(
        Object.fromEntries(
          Object.entries(entity).filter(([field]) => field !== '@odata.etag' && field !== 'lockedUntil'),
        ),
      );
      const seen = this.states.get(name);
      this.invariant(
        '4 one etag per state',
        seen === undefined || seen === state,
        () => `${name} named ${seen} and now ${state}`,
      );
      this.states.set(name, state);
      if (isSetup) this.observeLock(name, entity.lockedUntil, at);
      const model = USERS.map((user) => this.users?.[user]).find((candidate) => candidate?.id === entity.id);
      if (isSetup && who === 'ADMIN' && model) {
        model.adminEtag = etag;
        if (!model.adminEtags.includes(etag)) model.adminEtags.push(etag);
      }
    }
    for (const inner of Object.values(entity)) this.observe(inner, at, who);
  }

  /**
   * A read shows lockedUntil only while it lies ahead, so one etag may show it or not; but never two different ones,
   * and never none at a time before it.
   */
  private observeLock(name: string, lockedUntil: unknown, at: number): void {
    const lock = this.locks.get(name) ?? {};
    this.locks.set(name, lock);
    if (typeof lockedUntil === 'string') {
      this.invariant(
        '4 one etag per state',
        lock.until === undefined || lock.until === lockedUntil,
        () => `${name} showed lockedUntil ${lock.until} and ${lockedUntil}`,
      );
      lock.until = lockedUntil;
    } else {
      lock.nullAt = Math.min(lock.nullAt ?? Infinity, at);
    }
    this.invariant(
      '4 one etag per state',
      lock.until === undefined || lock.nullAt === undefined || lock.nullAt >= Date.parse(lock.until),
      () => `${name} showed lockedUntil ${lock.until}, and no lock at ${new Date(lock.nullAt!).toISOString()}`,
    );
  }
}

/** Runs the steps against a fresh host and checks every invariant after each step and at the end. */
async function runInterleaving(transport: 'msw' | 'direct', steps: Step[]): Promise<void> {
  const run = await Interleaving.start(transport);
  try {
    for (const [i, step] of steps.entries()) await run.step(step, i + 1);
    await run.finish();
  } finally {
    await run.host.stop({ deleteData: true });
  }
}

const userArb = fc.constantFrom<UserId>('ANNA', 'LARS');
const codeArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<CodeChoice>('right') },
  { weight: 5, arbitrary: fc.constant<CodeChoice>('wrong') },
  { weight: 1, arbitrary: fc.constant<CodeChoice>('empty') },
  { weight: 1, arbitrary: fc.constant<CodeChoice>('old') },
);
const reuseArb: fc.Arbitrary<Reuse> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Reuse>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('same' as const), pick: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('different' as const), pick: fc.nat(9) }) },
);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('verify' as const), user: userArb, code: codeArb, reuse: reuseArb }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      user: userArb,
      current: codeArb,
      weakNewCode: fc.nat(5).map((n) => n === 0),
      reuse: reuseArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('issue' as const), user: userArb, reuse: reuseArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlock' as const), user: userArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('patch' as const),
      user: userArb,
      field: fc.constantFrom('allowPinCode' as const, 'passwordMandatory' as const),
      // Mostly on: PIN codes turned off stop every other action.
      value: fc.nat(2).map((n) => n !== 0),
      staleEtag: fc.option(fc.nat(9), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('read' as const), user: userArb }),
      fc.constant<Action>({ kind: 'list' }),
    ),
  },
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  minutes: fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 20 }) },
    // Past an Idempotency-Key's 24 hours, and past a temporary code's 72.
    { weight: 1, arbitrary: fc.constantFrom(25 * 60, 73 * 60) },
  ),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 5 }),
  twin: fc.option(fc.nat(3), { nil: null, freq: 2 }),
  probe: fc.nat(3).map((n) => n === 0),
});

/** Usually Anna is first given a temporary code, so that locks fall on users who hold one. */
const stepsArb: fc.Arbitrary<Step[]> = fc
  .tuple(fc.nat(3), fc.array(stepArb, { minLength: 1, maxLength: 8 }))
  .map(([start, steps]) =>
    start === 0
      ? steps
      : [
          { minutes: 0, actions: [{ kind: 'issue', user: 'ANNA', reuse: { kind: 'none' } }], twin: null, probe: false },
          ...steps,
        ],
  );

const verify = (user: UserId, code: CodeChoice, reuse: Reuse = { kind: 'none' }): Action => ({
  kind: 'verify',
  user,
  code,
  reuse,
});
const change = (user: UserId, current: CodeChoice, reuse: Reuse = { kind: 'none' }): Action => ({
  kind: 'change',
  user,
  current,
  weakNewCode: false,
  reuse,
});
const issue = (user: UserId, reuse: Reuse = { kind: 'none' }): Action => ({ kind: 'issue', user, reuse });

/** One run through MSW that reaches a lock, a replay, a reused key, a stale etag and a key's end. */
const FIXED_STEPS: Step[] = [
  { minutes: 0, actions: [issue('ANNA'), issue('LARS'), { kind: 'list' }], twin: 0, probe: true },
  {
    minutes: 1,
    actions: [
      verify('ANNA', 'wrong'),
      change('ANNA', 'right'),
      verify('ANNA', 'right'),
      { kind: 'patch', user: 'ANNA', field: 'passwordMandatory', value: true, staleEtag: null },
    ],
    twin: 1,
    probe: false,
  },
  {
    minutes: 0,
    actions: [verify('ANNA', 'wrong'), verify('ANNA', 'empty'), change('ANNA', 'wrong'), verify('LARS', 'right')],
    twin: 0,
    probe: false,
  },
  {
    minutes: 5,
    actions: [verify('ANNA', 'right'), change('LARS', 'right'), verify('ANNA', 'wrong', { kind: 'same', pick: 0 })],
    twin: null,
    probe: false,
  },
  {
    minutes: 16,
    actions: [
      verify('ANNA', 'right'),
      { kind: 'unlock', user: 'LARS' },
      { kind: 'patch', user: 'LARS', field: 'allowPinCode', value: true, staleEtag: 0 },
      verify('LARS', 'old'),
    ],
    twin: null,
    probe: true,
  },
  {
    minutes: 0,
    actions: [
      change('ANNA', 'right', { kind: 'different', pick: 0 }),
      verify('LARS', 'wrong'),
      verify('LARS', 'wrong'),
      verify('LARS', 'wrong'),
    ],
    twin: 3,
    probe: false,
  },
  {
    minutes: 25 * 60,
    actions: [
      issue('ANNA', { kind: 'different', pick: 0 }),
      verify('ANNA', 'right', { kind: 'same', pick: 0 }),
      { kind: 'read', user: 'LARS' },
      { kind: 'unlock', user: 'LARS' },
    ],
    twin: null,
    probe: true,
  },
];

describe('the host under random interleavings of administrator, users and device', () => {
  it('counts every wrong code once, locks from the threshold on, keeps setup and card together, one etag per state, and no code in any answer', async function () {
    this.timeout(300_000);
    await fc.assert(
      fc.asyncProperty(fc.limitShrink(stepsArb, 30), (steps) => runInterleaving('direct', steps)),
      { numRuns: 20, includeErrorInReport: true },
    );
  });

  it('keeps every promise in one fixed interleaving through MSW', async function () {
    this.timeout(60_000);
    await runInterleaving('msw', FIXED_STEPS);
  });
});
