// The conformance kit catches what it claims: the host core on PGlite, built from the server host's own pieces, with
// one promise switched off at a time, and the whole kit run in-process against it (runConformance with a fetch that
// calls the handler, a test clock through `now`). The unbroken host built the same way passes the whole kit first:
// that proves the harness, so a failure below is the broken piece’s and nothing else’s. Each broken host runs the checks
// of the promise its test names (or the check given), to keep `npm test` short; the one caught by promise 5 or 8, and
// the one whose leaked hash shows only in answers other promises' checks get, run the whole kit. The last test runs the
// kit without `onResult`, on one check: an earlier runner ran no check at all then, and reported a pass.
// Every broken host is proven twice: over plain REST with argon2id hashes, and as a Business Central host would be —
// PIN codes under hmac-sha256, every request over the envelope (the kit's transport `business-central`, carried
// through answerEnvelopeCall as a codeunit web service carries it) — so such a host is held to the same promises.
// Runs the built modules: dist/server and dist/conformance. Hashes at TEST_ARGON2ID's cost: the kit's checks are about
// the contract, and the command's own run (conformance-command.test.mjs) keeps OWASP's cost.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { CONFORMANCE_CHECKS, promiseName, runConformance, targetOf } from '../../dist/conformance/index.js';
import {
  answerEnvelopeCall,
  createHostCore,
  ENVELOPE_ENDPOINT,
  createHostHandler,
  createNativeHasher,
  failedOnPurposeResponse,
  identifyByDevelopmentToken,
  issueDevelopmentTokens,
  openSqlDatabase,
  PostgresStorage,
  TEST_ARGON2ID,
} from '../../dist/server/index.js';

const basePath = '/api/mobileflow/v1.0';
const json = (status, body) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/** A storage that does what `storage` does, but for what `overrides` replaces. */
const storageLike = (storage, overrides) => ({
  userSetup: (id) => storage.userSetup(id),
  userSetupByUserId: (userId) => storage.userSetupByUserId(userId),
  userSetupByResourceId: (resourceId) => storage.userSetupByResourceId(resourceId),
  resource: (id) => storage.resource(id),
  pinCodeEvents: (userSetupId) => storage.pinCodeEvents(userSetupId),
  listUserSetups: (query) => storage.listUserSetups(query),
  withUserSection: (id, work, options) => storage.withUserSection(id, work, options),
  ...overrides,
});

/** A storage whose sections store `change(write)` instead of what the action decided to write. */
const storageWriting = (storage, change) =>
  storageLike(storage, {
    withUserSection: (id, work, options) =>
      storage.withUserSection(
        id,
        (section) => work({ ...sectionShowing(section, section), commit: (write) => section.commit(change(write)) }),
        options,
      ),
  });

/** Whether an action's write records `type`. */
const records = (write, type) => (write.events ?? []).some((event) => event.type === type);

/** A section that stores through `section`, but shows the work `state` as the user's state. */
const sectionShowing = (section, state) => ({
  setup: state.setup,
  resource: state.resource,
  credential: state.credential,
  device: state.device,
  idempotencyRecord: (key) => section.idempotencyRecord(key),
  commit: (write) => section.commit(write),
});

let sharedDatabase;

/**
 * The host core over a fresh PGlite database in memory, seeded with the demo users (ADMIN administrator; ANNA, and
 * FREJA who has never had a PIN code), wired as createHostHandler wires it, with a test clock. `breakIt` gets the
 * real pieces and gives back the ones it replaces: storage, hasher, identify, or `wrap` around the handler.
 */
async function hostFor(breakIt = () => ({}), transport = 'rest') {
  const fingerprintKey = randomBytes(32).toString('base64');
  const hashing =
    transport === 'rest' ? {} : { hashScheme: 'hmac-sha256', hashKey: randomBytes(32).toString('base64') };
  // One PGlite for the file, emptied for each host: opening one takes seconds, migrating and seeding a tenth of one.
  sharedDatabase ??= openSqlDatabase('memory://');
  const shared = await sharedDatabase;
  await shared.query('DROP SCHEMA public CASCADE');
  await shared.query('CREATE SCHEMA public');
  // createHostHandler migrates and seeds; its own handler is not used.
  const seeded = await createHostHandler({
    database: shared,
    seed: 'demo',
    identify: () => null,
    fingerprintKey,
    argon2idCost: TEST_ARGON2ID,
    ...hashing,
  });
  const { database, policy } = seeded;
  const tokens = await issueDevelopmentTokens(database, [
    { userId: 'ADMIN' },
    { userId: 'ANNA' },
    { userId: 'FREJA' },
    { device: 'device' },
  ]);
  let clock = 0;
  let failNext = false;
  const real = {
    database,
    storage: new PostgresStorage(database),
    hasher: await createNativeHasher(fingerprintKey, {
      argon2idCost: TEST_ARGON2ID,
      scheme: hashing.hashScheme,
      hashKey: hashing.hashKey,
    }),
    identify: identifyByDevelopmentToken(database),
  };
  const broken = breakIt(real);
  const core = createHostCore({
    storage: broken.storage ?? real.storage,
    hasher: broken.hasher ?? real.hasher,
    identify: broken.identify ?? real.identify,
    policy,
    now: () => new Date(Date.now() + clock),
    basePath,
  });
  const handler = broken.wrap ? broken.wrap(core) : core;
  const serve = async (request) => {
    if (!failNext) return handler(request);
    failNext = false;
    return failedOnPurposeResponse();
  };
  const as = (who) => ({ Authorization: `Bearer ${tokens[who]}` });
  const config = {
    baseUrl: `http://host.test${basePath}`,
    identities: {
      administrator: { userId: 'ADMIN', headers: as('ADMIN') },
      user: { userId: 'ANNA', headers: as('ANNA') },
      otherUser: { userId: 'FREJA', headers: as('FREJA') },
      device: { headers: as('device') },
    },
  };
  const testHooks = {
    advance: async (ms) => {
      clock += ms;
    },
    failNextRequest: async () => {
      failNext = true;
    },
  };
  if (transport === 'rest')
    return { target: { ...config, fetch: (input, init) => serve(new Request(input, init)), testHooks } };
  // Nothing answers at baseUrl here: every request has to travel in an envelope to the codeunit web service.
  const url = `http://bc.test${ENVELOPE_ENDPOINT}?company=CRONUS`;
  const codeunitWebService = async (input, init) => {
    const call = new Request(input, init);
    assert.equal(call.url, url, 'a request left the envelope');
    return answerEnvelopeCall(call, serve, basePath);
  };
  const target = targetOf({ ...config, transport: { kind: 'business-central', url } }, codeunitWebService);
  return { target: { ...target, testHooks } };
}

/**
 * Runs the kit against a host broken by `breakIt` (the whole kit, or only one promise's checks) and reports every check
 * that did not pass.
 */
async function proveHost(t, breakIt, only, transport) {
  const host = await hostFor(breakIt, transport);
  const report = await runConformance(host.target, { only });
  if (!only) assert.equal(report.results.length, CONFORMANCE_CHECKS.length, 'the whole kit ran');
  const failed = report.results.filter((result) => result.status === 'failed');
  for (const result of report.results.filter((result) => result.status !== 'passed')) {
    const reason = (result.reason ?? '').length > 700 ? `${result.reason.slice(0, 700)}…` : result.reason;
    t.diagnostic(`${result.status} · ${promiseName(result.promise)} · ${result.name}: ${reason}`);
  }
  t.diagnostic(
    `${report.results.length} checks, ${failed.length} failed, ${report.answers} answers, ${(report.ms / 1000).toFixed(1)} s`,
  );
  return { report, failed, promises: new Set(failed.map((result) => result.promise)) };
}

/** The kit found the host broken, and named `promise` for it. */
function assertCaught({ report, failed, promises }, promise) {
  assert.equal(report.passed, false, 'the kit passed a broken host');
  assert.ok(
    promises.has(promise),
    `no failed check names ${promiseName(promise)}; failed: ${failed.map((r) => `${promiseName(r.promise)} · ${r.name}`).join('; ') || 'none'}`,
  );
}

const timeout = 10 * 60_000;
/** `only` for the whole kit on either transport: what the check looks for shows in answers other promises' checks get. */
const WHOLE_KIT = '';

/** The promise a test's name says fails ("…: promise 9 fails", "…: the contract fails"); none for "5 or 8". */
const promiseNamedIn = (name) =>
  /: promise (\d+) fails$/.exec(name)?.[1] ?? (/: the contract fails$/.test(name) ? 'contract' : undefined);

after(async () => (await sharedDatabase)?.close());

for (const transport of ['rest', 'envelope'])
  describe(
    `the conformance kit against the host core, in-process, over ${transport === 'rest' ? 'REST' : "Business Central's envelope"}`,
    { timeout: 80 * 60_000 },
    () => {
      // A broken host runs the checks of the promise its test names (or those given); the unbroken host, the one
      // caught by promise 5 or 8, and the one whose hash shows in other promises' answers run the whole kit.
      const prove = (t, breakIt, only) =>
        proveHost(t, breakIt, only ?? (breakIt ? promiseNamedIn(t.name) : undefined), transport);

      test(
        'the unbroken host built the same way passes the whole kit (the harness is sound)',
        { timeout },
        async (t) => {
          const { report, failed } = await proveHost(t, undefined, undefined, transport);
          assert.deepEqual(failed, []);
          assert.equal(report.passed, true);
          // A fresh host with test hooks: every check runs, none is left "not run".
          assert.deepEqual(
            report.results.filter((result) => result.status !== 'passed').map((result) => result.name),
            [],
          );
          assert.equal(report.results.length, CONFORMANCE_CHECKS.length);
        },
      );

      test('the lock check skipped (sections show the user unlocked): promise 5 fails', { timeout }, async (t) => {
        const caught = await prove(t, ({ storage }) => ({
          storage: storageLike(storage, {
            withUserSection: (id, work, options) =>
              storage.withUserSection(
                id,
                (section) =>
                  work(sectionShowing(section, { ...section, setup: { ...section.setup, lockedUntil: null } })),
                options,
              ),
          }),
        }));
        assertCaught(caught, 5);
      });

      test(
        'the stale read of the earlier bug (actions decide on a state read before their section): promise 5 or 8 fails',
        { timeout },
        async (t) => {
          const caught = await prove(t, ({ storage }) => ({
            storage: storageLike(storage, {
              // The user's state is read first, in a section of its own that ends at once; the action then decides on
              // that copy inside the section that commits its result, while other actions may have written in between.
              withUserSection: async (id, work, options) => {
                const early = await storage.withUserSection(
                  id,
                  async ({ setup, resource, credential, device }) => ({ setup, resource, credential, device }),
                  options,
                );
                if (!early) return undefined;
                return storage.withUserSection(id, (section) => work(sectionShowing(section, early)), options);
              },
            }),
          }));
          assert.equal(caught.report.passed, false, 'the kit passed a broken host');
          assert.ok(
            caught.promises.has(5) || caught.promises.has(8),
            `neither promise 5 nor promise 8 failed: ${[...caught.promises].join(', ')}`,
          );
          t.diagnostic(
            `caught by: ${[5, 8]
              .filter((promise) => caught.promises.has(promise))
              .map(promiseName)
              .join(' and ')}`,
          );
        },
      );

      test('an idempotency replay without the body fingerprint: promise 9 fails', { timeout }, async (t) => {
        const caught = await prove(t, ({ hasher }) => ({
          hasher: { ...hasher, fingerprint: async () => 'the same for every body' },
        }));
        assertCaught(caught, 9);
      });

      test(
        "a hash added to the Resource card (the user's stored hash, argon2id or hmac-sha256): promise 1 fails",
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ database }) => ({
              // A field whose name gives nothing away: the kit has to see the hash in the value.
              wrap: (core) => async (request) => {
                const response = await core(request);
                const card = /\/resources\(([^)/]+)\)$/.exec(new URL(request.url).pathname);
                if (request.method !== 'GET' || !card || response.status !== 200) return response;
                const [credential] = await database.query(
                  'SELECT pin_code_hash FROM credentials WHERE resource_id = $1',
                  [decodeURIComponent(card[1])],
                );
                return json(200, { ...(await response.json()), pinCodeVerifier: credential?.pin_code_hash ?? null });
              },
            }),
            WHOLE_KIT,
          );
          assertCaught(caught, 1);
        },
      );

      // Only the device's check breaks on a body that is not JSON: the kit sends its worst bodies to every operation that
      // takes one, not only to the change.
      test(
        'a 500 on a bad body (a device check whose body is not JSON): the contract fails',
        { timeout },
        async (t) => {
          const caught = await prove(t, () => ({
            wrap: (core) => async (request) => {
              if (new URL(request.url).pathname.endsWith('/Microsoft.NAV.verifyPinCode')) {
                const text = await request.clone().text();
                try {
                  if (text.trim()) JSON.parse(text);
                } catch {
                  return json(500, { error: { code: 'Internal_ServerError', message: 'Unexpected token in JSON.' } });
                }
              }
              return core(request);
            },
          }));
          assertCaught(caught, 'contract');
        },
      );

      test('a user allowed to list setups (served as the administrator): promise 3 fails', { timeout }, async (t) => {
        const caught = await prove(t, ({ identify, storage }) => ({
          identify: async (request) => {
            const identity = await identify(request);
            const lists = request.method === 'GET' && new URL(request.url).pathname === `${basePath}/userSetups`;
            if (!lists || !identity?.userId) return identity;
            const setup = await storage.userSetupByUserId(identity.userId);
            return setup?.administrator ? identity : { userId: 'ADMIN' };
          },
        }));
        assertCaught(caught, 3);
      });

      // The promises the whole-kit runs above do not name: one promise's checks each, to keep the file short.
      test(
        "an issued code stored as a code of the user's own (not temporary): promise 2 fails",
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ storage }) => ({
              storage: storageWriting(storage, (write) =>
                records(write, 'temporaryIssued')
                  ? { ...write, credential: { ...write.credential, temporary: false } }
                  : write,
              ),
            }),
            '2',
          );
          assertCaught(caught, 2);
        },
      );

      test('a change that leaves the Resource card as it was: promise 4 fails', { timeout }, async (t) => {
        const caught = await prove(
          t,
          ({ storage }) => ({
            storage: storageWriting(storage, ({ resource, ...write }) =>
              records(write, 'changedByUser') ? write : { ...write, resource },
            ),
          }),
          '4',
        );
        assertCaught(caught, 4);
      });

      test('a weak code refused without its reasons: promise 6 fails', { timeout }, async (t) => {
        const caught = await prove(
          t,
          () => ({
            wrap: (core) => async (request) => {
              const response = await core(request);
              const body = await response.clone().json();
              if (body.error?.code !== 'PinCode_PolicyViolation') return response;
              return json(response.status, { error: { ...body.error, details: [] } });
            },
          }),
          '6',
        );
        assertCaught(caught, 6);
      });

      test('a change by the user that leaves no trace: promise 7 fails', { timeout }, async (t) => {
        const caught = await prove(
          t,
          ({ storage }) => ({
            storage: storageWriting(storage, (write) => ({
              ...write,
              events: write.events?.filter((event) => event.type !== 'changedByUser'),
            })),
          }),
          '7',
        );
        assertCaught(caught, 7);
      });

      test(
        'a device check for a user without a PIN code counted as a wrong guess: promise 10 fails',
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            () => ({
              wrap: (core) => async (request) => {
                const response = await core(request);
                if (response.status !== 409 || (await response.clone().json()).error?.code !== 'PinCode_NotSet')
                  return response;
                return json(200, { valid: false, mustChange: false, remainingAttempts: 4 });
              },
            }),
            '10',
          );
          assertCaught(caught, 10);
        },
      );

      test(
        'a device check open to every signed-in identity (as before promise 11): promise 11 fails',
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ identify }) => ({
              // Whoever checks a code is taken for a device, as the host did before only devices could: a colleague could
              // guess a user's code, or lock them out.
              identify: async (request) => {
                const identity = await identify(request);
                const checks = new URL(request.url).pathname.endsWith('/Microsoft.NAV.verifyPinCode');
                return checks && identity?.userId ? { device: identity.userId } : identity;
              },
            }),
            '11',
          );
          assertCaught(caught, 11);
        },
      );

      test(
        "a device shown the whole Resource card (the PIN code's status and history): promise 11 fails",
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ identify }) => ({
              identify: async (request) => {
                const identity = await identify(request);
                const reads = request.method === 'GET' && /\/resources\([^)]*\)$/.test(new URL(request.url).pathname);
                return reads && identity?.device ? { userId: 'ADMIN' } : identity;
              },
            }),
            '11',
          );
          assertCaught(caught, 11);
        },
      );

      test(
        "a device's wrong codes not kept (sections opened without the device): promise 11 fails",
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ storage }) => ({
              storage: storageLike(storage, { withUserSection: (id, work) => storage.withUserSection(id, work) }),
            }),
            '11',
          );
          assertCaught(caught, 11);
        },
      );

      test(
        '$top=0 answered as if no $top was sent (the table asks for a count alone so): the contract fails',
        { timeout },
        async (t) => {
          const caught = await prove(
            t,
            ({ storage }) => ({
              storage: storageLike(storage, {
                listUserSetups: (query) => storage.listUserSetups(query.top === 0 ? { ...query, top: 50 } : query),
              }),
            }),
            'pages of the user setup',
          );
          assertCaught(caught, 'contract');
          assert.match(caught.failed[0].reason, /the rows of \$top=0/);
        },
      );

      test('runConformance without onResult runs the checks it selects', { timeout }, async () => {
        const host = await hostFor(undefined, transport);
        const report = await runConformance(host.target, { only: 'an empty code is a wrong code' });
        assert.deepEqual(
          report.results.map((result) => [result.name, result.status]),
          [['an empty code is a wrong code, counted like any other', 'passed']],
        );
      });
    },
  );
