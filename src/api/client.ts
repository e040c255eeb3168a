import type {
  ChangePinCodeRequest,
  ChangePinCodeResult,
  IssueTemporaryPinCodeRequest,
  PinCodeEventList,
  PinCodeStatus,
  Resource,
  Session,
  TemporaryPinCode,
  UserSetup,
  UserSetupChanges,
  UserSetupPage,
  VerifyPinCodeRequest,
  VerifyPinCodeResult,
} from '../domain/contract.generated.js';
import { randomId } from '../domain/random-id.js';
import { MobileFlowError, errorFromAnswer, type ClientErrorCode } from './errors.js';
import type { TransportError } from './transport-error.js';

export interface MobileFlowClientOptions {
  /** The host's base URL, e.g. `/api/mobileflow/v1.0` or `/api/{publisher}/{group}/v1.0/companies({companyId})`. */
  baseUrl: string;
  /** The fetch to use; the mock host's direct transport passes its own. Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long one attempt may take before it fails with `Client_Timeout`. Default 15 000 ms. */
  timeoutMs?: number;
  /** How many times a request that failed on the network is sent again, with the same Idempotency-Key. Default 1. */
  retries?: number;
  /** Headers sent with every request, e.g. `Authorization` for a host that takes bearer tokens. */
  headers?: Record<string, string>;
}

export interface CallOptions {
  /** Ends the request; the call then fails with `Client_Aborted`. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

export interface ActionOptions extends CallOptions {
  /** The key of an earlier attempt of the same action (from `MobileFlowError.idempotencyKey`), to retry it. */
  idempotencyKey?: string;
}

export type UserSetupSortField = 'userId' | 'displayName' | 'resourceNo' | 'pinCodeStatus' | 'pinCodeChangedAt';

export interface UserSetupQuery {
  /** Page size (`$top`). */
  top?: number;
  /** Rows to skip (`$skip`). */
  skip?: number;
  /** Sort (`$orderby`); ties are ordered by userId. */
  orderBy?: { field: UserSetupSortField; direction?: 'asc' | 'desc' };
  /** Case-insensitive search in user id and name. */
  search?: string;
  /** Only setups with this PIN code status. */
  pinCodeStatus?: PinCodeStatus;
  /** Only setups that are locked now. */
  lockedOnly?: boolean;
  /** Also count the matching setups (`@odata.count`). Default true. */
  count?: boolean;
}

/** One method per row of the host contract (src/api/openapi.json). Every failure is a MobileFlowError. */
export interface MobileFlowClient {
  readonly baseUrl: string;
  getSession(options?: CallOptions): Promise<Session>;
  /** Changes the signed-in user's own PIN code. There is no user id: it can only act on the signed-in user. */
  changePinCode(request: ChangePinCodeRequest, options?: ActionOptions): Promise<ChangePinCodeResult>;
  listUserSetups(query?: UserSetupQuery, options?: CallOptions): Promise<UserSetupPage>;
  getUserSetup(id: string, options?: CallOptions): Promise<UserSetup>;
  /** Saves `changes` on top of `userSetup`, sending its `@odata.etag` as If-Match. */
  updateUserSetup(
    userSetup: Pick<UserSetup, 'id' | '@odata.etag'>,
    changes: UserSetupChanges,
    options?: CallOptions,
  ): Promise<UserSetup>;
  issueTemporaryPinCode(
    id: string,
    request?: IssueTemporaryPinCodeRequest,
    options?: ActionOptions,
  ): Promise<TemporaryPinCode>;
  unlockPinCode(id: string, options?: ActionOptions): Promise<UserSetup>;
  listPinCodeEvents(id: string, options?: CallOptions): Promise<PinCodeEventList>;
  getResource(id: string, options?: CallOptions): Promise<Resource>;
  verifyPinCode(
    resourceId: string,
    request: VerifyPinCodeRequest,
    options?: ActionOptions,
  ): Promise<VerifyPinCodeResult>;
}

/** An OData string literal: quotes doubled. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The `$filter` of a UserSetupQuery, or undefined when it filters nothing. */
export function userSetupFilter(
  query: Pick<UserSetupQuery, 'search' | 'pinCodeStatus' | 'lockedOnly'>,
): string | undefined {
  const clauses: string[] = [];
  const search = query.search?.trim();
  if (search) clauses.push(`(contains(userId,${odataString(search)}) or contains(displayName,${odataString(search)}))`);
  if (query.pinCodeStatus) clauses.push(`pinCodeStatus eq ${odataString(query.pinCodeStatus)}`);
  if (query.lockedOnly) clauses.push('lockedUntil gt now()');
  return clauses.length ? clauses.join(' and ') : undefined;
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  ifMatch?: string;
  /** POST actions send an Idempotency-Key. */
  action?: boolean;
  options?: ActionOptions;
}

const key = (id: string) => `(${encodeURIComponent(id)})`;

/** A client for the host at `baseUrl`. */
export function createMobileFlowClient({
  headers: extraHeaders = {},
  baseUrl,
  fetch: fetchImpl,
  timeoutMs = 15_000,
  retries = 1,
}: MobileFlowClientOptions): MobileFlowClient {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch: typeof fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));

  async function attempt(call: Call, idempotencyKey: string | undefined): Promise<unknown> {
    const callerSignal = call.options?.signal;
    const timeout = AbortSignal.timeout(call.options?.timeoutMs ?? timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.ifMatch !== undefined) headers['If-Match'] = call.ifMatch;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const url = `${base}/${call.path}${call.query?.size ? `?${call.query}` : ''}`;
    let status = 0;
    try {
      const response = await doFetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
        credentials: 'same-origin',
      });
      status = response.status;
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        throw new MobileFlowError({
          code: 'Client_InvalidResponse',
          status,
          message: `The host answered ${status} with a body that is not JSON.`,
        });
      }
      if (!response.ok) throw errorFromAnswer(status, body);
      if (body === undefined || body === null || typeof body !== 'object') {
        throw new MobileFlowError({
          code: 'Client_InvalidResponse',
          status,
          message: `The host answered ${status} without a JSON object.`,
        });
      }
      return body;
    } catch (error) {
      if (error instanceof MobileFlowError) throw error;
      // No answer: the caller gave up, the time ran out, or the host or the transport could not be reached.
      const failure = (code: ClientErrorCode, message: string) =>
        new MobileFlowError({ code, status, message, idempotencyKey, cause: error });
      if (callerSignal?.aborted) throw failure('Client_Aborted', 'The request was cancelled.');
      if (timeout.aborted) throw failure('Client_Timeout', 'The host did not answer in time.');
      // A transport's own failure (a TransportError: Business Central refused the call, …) says why in its own words.
      throw failure(
        'Client_NetworkFailure',
        (error as Partial<TransportError>)?.failure ? (error as Error).message : 'The host could not be reached.',
      );
    }
  }

  async function send<T>(call: Call): Promise<T> {
    const idempotencyKey = call.action ? (call.options?.idempotencyKey ?? randomId()) : undefined;
    for (let attemptNo = 0; ; attemptNo += 1) {
      try {
        return (await attempt(call, idempotencyKey)) as T;
      } catch (error) {
        const again =
          error instanceof MobileFlowError &&
          error.code === 'Client_NetworkFailure' &&
          (error.cause as Partial<TransportError>)?.retryable !== false &&
          attemptNo < retries;
        if (!again) throw error;
        await new Promise((resolve) => setTimeout(resolve, 150 * (attemptNo + 1)));
      }
    }
  }

  return {
    baseUrl: base,
    getSession: (options) => send({ method: 'GET', path: 'session', options }),
    changePinCode: (request, options) =>
      send({ method: 'POST', path: 'session/Microsoft.NAV.changePinCode', body: request, action: true, options }),
    listUserSetups: (query = {}, options) => {
      const params = new URLSearchParams();
      if (query.top !== undefined) params.set('$top', String(query.top));
      if (query.skip !== undefined) params.set('$skip', String(query.skip));
      if (query.orderBy) params.set('$orderby', `${query.orderBy.field} ${query.orderBy.direction ?? 'asc'}`);
      const filter = userSetupFilter(query);
      if (filter) params.set('$filter', filter);
      if (query.count !== false) params.set('$count', 'true');
      return send({ method: 'GET', path: 'userSetups', query: params, options });
    },
    getUserSetup: (id, options) => send({ method: 'GET', path: `userSetups${key(id)}`, options }),
    updateUserSetup: (userSetup, changes, options) =>
      send({
        method: 'PATCH',
        path: `userSetups${key(userSetup.id)}`,
        body: changes,
        ifMatch: userSetup['@odata.etag'],
        options,
      }),
    issueTemporaryPinCode: (id, request = {}, options) =>
      send({
        method: 'POST',
        path: `userSetups${key(id)}/Microsoft.NAV.issueTemporaryPinCode`,
        body: request,
        action: true,
        options,
      }),
    unlockPinCode: (id, options) =>
      send({ method: 'POST', path: `userSetups${key(id)}/Microsoft.NAV.unlockPinCode`, action: true, options }),
    listPinCodeEvents: (id, options) => send({ method: 'GET', path: `userSetups${key(id)}/pinCodeEvents`, options }),
    getResource: (id, options) => send({ method: 'GET', path: `resources${key(id)}`, options }),
    verifyPinCode: (resourceId, request, options) =>
      send({
        method: 'POST',
        path: `resources${key(resourceId)}/Microsoft.NAV.verifyPinCode`,
        body: request,
        action: true,
        options,
      }),
  };
}
