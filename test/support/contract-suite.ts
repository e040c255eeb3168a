import { expect } from '@open-wc/testing';
import { createMobileFlowClient, MobileFlowError, type MobileFlowClient } from '../../src/api/index.js';
import type { PinPolicy, UserSetup } from '../../src/domain/index.js';
import {
  HostUnavailable,
  startContractHost,
  START,
  type ContractHost,
  type ContractHostKind,
} from './contract-host.js';
import {
  CONFORMANCE_CHECKS,
  ConformanceRun,
  promiseName,
  type ConformanceCheck,
  type ConformanceTarget,
} from '../../src/conformance/index.js';

/** A host in test mode with a client whose every answer is checked against the contract. */
export interface Harness {
  host: ContractHost;
  /** Acts as the user of the last `as()`. */
  client: MobileFlowClient;
  /** Acts as the device (only a device checks PIN codes). */
  device: MobileFlowClient;
  /** Moves the host's clock. */
  advance(ms: number): Promise<void>;
  now(): Date;
  /** A request the client would never send, as the same user, through the same transport. */
  raw(
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any }>;
  /** The setup of `userId`, read as the administrator. */
  setupOf(userId: string): Promise<UserSetup>;
  /** From now on `client` acts as `userId`, or as nobody. */
  as(userId: string | null): Promise<void>;
}

/** Expects `promise` to fail with a MobileFlowError and gives it back. */
export async function failure(promise: Promise<unknown>): Promise<MobileFlowError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(MobileFlowError);
    return error as MobileFlowError;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

export async function startHarness(
  kind: ContractHostKind,
  options: { policy?: Partial<PinPolicy> } = {},
): Promise<Harness> {
  const host = await startContractHost(kind, options);
  let clock = START;
  let user: string | null = null;
  const asUser: typeof fetch = (input, init) => host.fetchAs(user)(input, init);
  const client = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: asUser });
  const admin = createMobileFlowClient({ baseUrl: host.baseUrl, fetch: host.fetchAs('ADMIN') });
  return {
    host,
    client,
    device: createMobileFlowClient({ baseUrl: host.baseUrl, fetch: host.fetchAs('device') }),
    async advance(ms) {
      clock += ms;
      await host.advance(ms);
    },
    now: () => new Date(clock),
    async raw(method, path, init = {}) {
      const response = await asUser(`${host.baseUrl}/${path}`, { method, body: init.body, headers: init.headers });
      return { status: response.status, body: await response.json() };
    },
    async setupOf(userId) {
      const page = await admin.listUserSetups({ search: userId, top: 1000 });
      const setup = page.value.find((candidate) => candidate.userId === userId);
      if (!setup) throw new Error(`No user ${userId}`);
      return setup;
    },
    async as(userId) {
      user = userId;
    },
  };
}

/**
 * The host contract, run against one host (the mock through MSW or directly, or the server host over HTTP). Every answer is checked against
 * openapi.json, and the suite ends by proving it reached every operation and every error code.
 */
/**
 * The conformance kit's target on a contract host: ADMIN, ANNA and FREJA (who has never held a PIN code, so the run can
 * prove PinCode_NotSet), the device, and the host's test hooks. Through the bridge, no HTTP media types.
 */
export function conformanceTarget(host: ContractHost): ConformanceTarget {
  const as = (userId: string) => ({ userId, fetch: host.fetchAs(userId) });
  return {
    baseUrl: host.baseUrl,
    identities: {
      administrator: as('ADMIN'),
      user: as('ANNA'),
      otherUser: as('FREJA'),
      device: { fetch: host.fetchAs('device') },
    },
    // Without a credential, through the same transport.
    fetch: host.fetchAs(null),
    testHooks: { advance: (ms) => host.advance(ms), failNextRequest: () => host.failNextRequest() },
    httpMediaTypes: host.kind !== 'bridge',
  };
}

/** Starts a host of `kind`, or skips the tests of the block where this machine cannot run it (said once, loudly). */
async function startOrSkip(context: Mocha.Context, kind: ContractHostKind, policy: Partial<PinPolicy> = {}) {
  try {
    return await startContractHost(kind, { policy });
  } catch (error) {
    if (!(error instanceof HostUnavailable)) throw error;
    console.warn(`The conformance kit on ${kind} did not run: ${error.message}.`);
    context.skip();
  }
}

/**
 * The host contract, proved on one host by the conformance kit (src/conformance): every check of the kit, in the
 * kit's order, on one host that lives through the run, as a host implementer's run would. Our hosts offer every test
 * hook, so a check the kit reports as not run fails here.
 */
export function contractSuite(kind: ContractHostKind): void {
  describe('the conformance kit', () => {
    let host: ContractHost | undefined;
    let run: ConformanceRun;
    before(async function () {
      host = await startOrSkip(this, kind);
      run = await ConformanceRun.start(conformanceTarget(host!));
    });
    after(() => host?.stop());

    for (const check of CONFORMANCE_CHECKS) {
      it(`${promiseName(check.promise)} · ${check.name}`, async () => {
        const result = await run.run(check);
        expect(result.status, result.reason).to.equal('passed');
      });
    }
  });

  describe('the conformance kit, on a policy where every temporary code is generated', () => {
    it('refuses a chosen temporary code with administratorMayNotChoose', async function () {
      const host = await startOrSkip(this, kind, { administratorMayChoosePinCode: false });
      try {
        const run = await ConformanceRun.start(conformanceTarget(host!));
        const chosen = CONFORMANCE_CHECKS.find((check) => check.name.startsWith('the administrator chooses'));
        const result = await run.run(chosen as ConformanceCheck);
        expect(result.status, result.reason).to.equal('passed');
      } finally {
        await host?.stop();
      }
    });
  });
}
