import type { OperationId, PinPolicy } from '../domain/index.js';
import { answerResponse, HostError, INTERNAL_ERROR, type Answer } from './errors.js';
import { changePinCode } from './operations/change-pin-code.js';
import { issueTemporaryPinCode } from './operations/issue-temporary-pin-code.js';
import { getResource, getSession, getUserSetup, listPinCodeEvents, listUserSetups } from './operations/reads.js';
import type { ActionUnit, HostServices, Identity, OperationRequest, OperationUnits } from './operations/unit.js';

export type { Identity } from './operations/unit.js';
import { unlockPinCode } from './operations/unlock-pin-code.js';
import { updateUserSetup } from './operations/update-user-setup.js';
import { verifyPinCode } from './operations/verify-pin-code.js';
import type { PinHasher } from './pin-hashes.js';
import type { IdempotencyRecord } from './records.js';
import { readBody, readIdempotencyKey, readKey } from './request.js';
import { matchRoute } from './routes.js';
import type { HostStorage, UserSection } from './storage.js';

export interface HostCoreOptions {
  storage: HostStorage;
  hasher: PinHasher;
  /** Who sent the request (the host's session or token check); `null` answers 401, a user without a setup 403. */
  identify(request: Request): Identity | null | Promise<Identity | null>;
  policy: PinPolicy;
  /** The host's clock. Default: the real one. */
  now?: () => Date;
  /** The path the contract is served under, e.g. `/api/mobileflow/v1.0`. */
  basePath: string;
}

/** The host contract as a fetch-standard handler. */
export type HostHandler = (request: Request) => Promise<Response>;

const UNITS: OperationUnits = {
  getSession,
  changePinCode,
  listUserSetups,
  getUserSetup,
  updateUserSetup,
  issueTemporaryPinCode,
  unlockPinCode,
  listPinCodeEvents,
  getResource,
  verifyPinCode,
};
const isAction = (unit: OperationUnits[OperationId]): unit is ActionUnit => typeof unit === 'object';

/** How long an Idempotency-Key binds its first answer. */
export const IDEMPOTENCY_KEY_HOURS = 24;
/** How many issued temporary codes the core keeps in memory for a replay; older replays get Request_EntityChanged. */
const MAX_REPLAYABLE_TEMPORARY_CODES = 50;

/** The body as one text whatever the order of its fields: what the fingerprint of a body is taken of. */
const canonicalBody = (body: unknown) =>
  body === undefined ? '' : JSON.stringify(Object.fromEntries(Object.entries(body as object).sort()));

/**
 * The host contract (src/api/openapi.json) with every promise of docs/promises.md, over a storage port, a hasher and an
 * identity function; it knows no database, transport or browser. Reads answer from storage; actions decide inside
 * the storage's section for the user they act on, with Idempotency-Keys bound to caller, operation, target and body.
 */
export function createHostCore(options: HostCoreOptions): HostHandler {
  const { storage, hasher, policy, basePath } = options;
  const now = options.now ?? (() => new Date());
  const services: HostServices = { policy, hasher, storage, temporaryCodesForReplay: new Map() };

  function remember(key: string, pinCode: string) {
    const codes = services.temporaryCodesForReplay;
    codes.set(key, pinCode);
    if (codes.size > MAX_REPLAYABLE_TEMPORARY_CODES) codes.delete(codes.keys().next().value!);
  }

  async function act(unit: ActionUnit, request: OperationRequest, clientKey: string | null): Promise<Answer> {
    const target = await unit.target(request, services);
    const who = 'device' in request.identity ? `device ${request.identity.device}` : `user ${request.identity.userId}`;
    const scopedKey = clientKey && [who, request.operationId, target, clientKey].join('\n');
    const fingerprint = scopedKey ? await hasher.fingerprint(canonicalBody(request.body)) : '';
    const actionRequest = { ...request, idempotencyKey: scopedKey };
    const device = 'device' in request.identity ? request.identity.device : undefined;
    const work = async (section: UserSection) => {
      const refusal = unit.refuse?.(section, actionRequest, services);
      if (refusal) {
        if (refusal.write) await section.commit(refusal.write);
        return refusal.answer;
      }
      if (scopedKey) {
        const first = await section.idempotencyRecord(scopedKey);
        const bindsUntil = first ? Date.parse(first.at) + IDEMPOTENCY_KEY_HOURS * 3_600_000 : 0;
        if (first && bindsUntil > request.now.getTime()) {
          if (first.fingerprint !== fingerprint) {
            throw new HostError(
              'Request_IdempotencyKeyReused',
              'This Idempotency-Key was already used for a different request: send a new key for a new request.',
            );
          }
          const firstAnswer = { status: first.status, body: first.body };
          return unit.replay ? unit.replay(firstAnswer, section, actionRequest, services) : firstAnswer;
        }
      }
      let decision;
      try {
        decision = await unit.decide(section, actionRequest, services);
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        decision = { answer: error.answer };
      }
      let idempotency: IdempotencyRecord | undefined;
      let pinCode: string | undefined;
      if (scopedKey) {
        // A temporary code is never stored: it stays in memory for a replay, and the stored answer goes without it.
        const { pinCode: code, ...storable } = decision.answer.body as { pinCode?: string };
        pinCode = code;
        const body = code === undefined ? decision.answer.body : storable;
        const at = request.now.toISOString();
        idempotency = { key: scopedKey, fingerprint, status: decision.answer.status, body, at };
      }
      if (decision.write || idempotency) await section.commit({ ...decision.write, idempotency });
      if (scopedKey && pinCode !== undefined) remember(scopedKey, pinCode);
      return decision.answer;
    };
    const answer = await storage.withUserSection(target, work, device === undefined ? undefined : { device });
    if (!answer) throw new HostError('BadRequest_NotFound', 'That user setup no longer exists.');
    return answer;
  }

  async function answer(request: Request): Promise<Answer> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) {
      throw new HostError('BadRequest_NotFound', `No such endpoint: ${url.pathname}.`);
    }
    const path = url.pathname.slice(basePath.length + 1);
    const match = matchRoute(request.method, path);
    if (!match.route) {
      const allowed = match.allowed.join(', ');
      throw new HostError(
        'BadRequest_NotFound',
        allowed ? `${path} takes ${allowed}, not ${request.method}.` : `No such endpoint: ${path}.`,
      );
    }
    const { operation } = match.route;
    const identity = await options.identify(request);
    const caller =
      identity && 'userId' in identity ? ((await storage.userSetupByUserId(identity.userId)) ?? null) : null;
    if (!identity) throw new HostError('Authentication_InvalidCredentials', 'Nobody is signed in: sign in again.');
    // Signed in, but not set up: the host's own system knows them, Mobile Flow does not yet. Signing in again will not
    // help, so it is no 401; the administrator adding them will.
    if ('userId' in identity && !caller) {
      throw new HostError(
        'Authorization_Denied',
        `${identity.userId} is not set up in Mobile Flow: ask your administrator to add you to the Mobile Flow user setup.`,
      );
    }
    const key = match.key === undefined ? '' : readKey(match.key);
    const clientKey = readIdempotencyKey(request, operation);
    if (operation.operationId !== 'listUserSetups' && url.search) {
      throw new HostError('BadRequest_Malformed', `${path} takes no query options.`);
    }
    const body = await readBody(request, operation);
    const operationRequest: OperationRequest = {
      operationId: operation.operationId,
      identity,
      caller,
      key,
      body,
      ifMatch: request.headers.get('If-Match'),
      query: url.searchParams,
      now: now(),
      idempotencyKey: null,
    };
    const unit = UNITS[operation.operationId];
    return isAction(unit) ? act(unit, operationRequest, clientKey) : unit(operationRequest, services);
  }

  return async (request) => {
    try {
      return answerResponse(await answer(request));
    } catch (error) {
      return answerResponse((error instanceof HostError ? error : INTERNAL_ERROR).answer);
    }
  };
}
