import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ERROR_CODES, ERROR_HTTP_STATUS, OPERATIONS, type ErrorCode } from '../src/domain/index.js';
import { contractProblem } from '../src/host/contract-validation.js';
import { startMockHost, type MockHost, TEST_ARGON2ID } from '../src/mock/index.js';

/** Anything a careless or hostile client could put in a JSON body. */
const oddValue = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 100 }),
  fc.string({ minLength: 10_000, maxLength: 70_000 }),
  fc.stringMatching(/^[0-9]{0,13}$/),
  fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '\u0000', '٣٣٣٣٣٣', '<script>', '1234\n', '{}', '__proto__'),
);
const bodyText = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.string({ minLength: 20_000, maxLength: 40_000 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        currentPinCode: oddValue,
        newPinCode: oddValue,
        pinCode: oddValue,
        allowPinCode: oddValue,
        passwordMandatory: oddValue,
        userId: oddValue,
        __proto__: oddValue,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);
const queryText = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 300 }).map((text) => `?${text}`),
  fc
    .record(
      {
        $top: fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
        $skip: fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)),
        $orderby: fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom('userId desc', 'displayName  asc', 'pinCodeStatus sideways'),
        ),
        $filter: fc.oneof(
          fc.string({ maxLength: 1200 }),
          fc
            .array(
              fc.constantFrom(
                '(',
                ')',
                'not',
                'and',
                'or',
                'contains(',
                'userId',
                'lockedUntil',
                'eq',
                'gt',
                "'x'",
                "'",
                'null',
                'now()',
                ',',
                '2026-13-45T99:99:99Z',
                'true',
              ),
              { maxLength: 40 },
            )
            .map((tokens) => tokens.join(' ')),
          fc.constant('('.repeat(600) + "userId eq 'A'" + ')'.repeat(600)),
        ),
        $count: fc.string({ maxLength: 6 }),
      },
      { requiredKeys: [] },
    )
    .map((params) => `?${new URLSearchParams(params as Record<string, string>)}`),
);
const headerValue = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 80 }).filter((text) => /^[\x20-\x7e]*$/.test(text)),
  fc.constantFrom('*', 'W/"1"', 'W/"999"'),
);

for (const transport of ['direct', 'msw'] as const) {
  describe(`the mock host, given malformed requests (${transport})`, () => {
    let host: MockHost;
    let paths: string[];
    const uncaught: string[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) =>
      uncaught.push(String('reason' in event ? event.reason : event.message));

    before(async () => {
      host = await startMockHost({
        argon2idCost: TEST_ARGON2ID,
        transport,
        dbName: `robustness-${crypto.randomUUID()}`,
      });
      await host.signIn('ADMIN');
      const setups = (await host.client.listUserSetups({ top: 5 })).value;
      const ids = [
        ...setups.flatMap((setup) => [setup.id, setup.resourceId ?? '']),
        crypto.randomUUID(),
        '',
        'not-a-guid',
        "'); drop table--",
        '%E0%A4%A',
        'x'.repeat(5000),
      ];
      paths = OPERATIONS.flatMap((operation) => ids.map((id) => operation.path.replace('{id}', id)));
      addEventListener('error', onError);
      addEventListener('unhandledrejection', onError);
    });
    after(async () => {
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
      await host.stop({ deleteData: true });
    });

    it('always answers a contract error code with its status, never a 500 and never an exception', async () => {
      const seen = new Set<ErrorCode>();
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            method: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
            path: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...paths) },
              { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((text) => text.replace(/[?#]/g, '')) },
            ),
            query: queryText,
            body: bodyText,
            ifMatch: headerValue,
            idempotencyKey: headerValue,
            user: fc.constantFrom('ADMIN', 'ANNA', 'LARS', null),
          }),
          async ({ method, path, query, body, ifMatch, idempotencyKey, user }) => {
            if (user) await host.signIn(user);
            else host.signOut();
            const headers: Record<string, string> = { 'Content-Type': 'application/json' };
            if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
            if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
            const url = new URL(`${host.baseUrl}/${path.replace(/^\/+/, '')}${query}`, location.href);
            // A path that climbs out of the base URL (../) is not the host's to answer.
            fc.pre(url.pathname.startsWith(`${host.baseUrl}/`));
            const response = await host.fetch(url, {
              method,
              headers,
              body: method === 'GET' ? undefined : body,
            });
            const answer = await response.json();
            if (response.ok) return;
            expect(contractProblem('ErrorResponse', answer), JSON.stringify(answer)).to.equal(undefined);
            const code = answer.error.code as ErrorCode;
            seen.add(code);
            expect(code, answer.error.message).to.not.equal('Internal_ServerError');
            expect(response.status).to.equal(ERROR_HTTP_STATUS[code]);
          },
        ),
        {
          numRuns: transport === 'direct' ? 400 : 150,
          // Each of these reaches a different check, whatever the random runs do.
          examples: [
            [
              {
                method: 'GET',
                path: 'userSetups',
                query: '',
                body: undefined,
                ifMatch: undefined,
                idempotencyKey: undefined,
                user: 'ANNA',
              },
            ],
            [
              {
                method: 'GET',
                path: 'session',
                query: '',
                body: undefined,
                ifMatch: undefined,
                idempotencyKey: undefined,
                user: null,
              },
            ],
            [
              {
                method: 'POST',
                path: 'session/Microsoft.NAV.changePinCode',
                query: '',
                body: '{"currentPinCode":1}',
                ifMatch: undefined,
                idempotencyKey: undefined,
                user: 'ANNA',
              },
            ],
            [
              {
                method: 'GET',
                path: 'nowhere',
                query: '',
                body: undefined,
                ifMatch: undefined,
                idempotencyKey: undefined,
                user: 'ADMIN',
              },
            ],
          ],
        },
      );
      expect(uncaught).to.deep.equal([]);
      // The generator reaches the host's checks, not just its front door.
      expect([...seen].filter((code) => ERROR_CODES.includes(code))).to.include.members([
        'BadRequest_Malformed',
        'BadRequest_NotFound',
        'Authorization_Denied',
        'Authentication_InvalidCredentials',
      ]);
    });
  });
}
