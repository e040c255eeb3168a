// Promise 12 on every storage: every text a client sends (ids in the path, query options, bodies, headers) may hold
// NUL bytes, other control characters, half of a surrogate pair or megabytes, and the answer is a contract 4xx: never
// a 500, a hang or a changed record. A property test (fast-check) per host: the mock host on IndexedDB (directly,
// through MSW and behind the Business Central bridge), and the server host on PGlite and on a PostgreSQL server.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ERROR_HTTP_STATUS, OPERATIONS, type ErrorCode, type UserSetup } from '../src/domain/index.js';
import { contractProblem } from '../src/host/contract-validation.js';
import { HostUnavailable, startContractHost, type ContractHost } from './support/contract-host.js';

/** One character no client text may hold: a C0 or C1 control (not tab, line feed or carriage return), or half a pair. */
const forbiddenCharacter = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x08 }),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  )
  .map((code) => String.fromCharCode(code));

/** Printable ASCII around it, so that a half surrogate never meets the other half. */
const plain = fc.string({ maxLength: 12, unit: 'binary-ascii' }).map((text) => text.replace(/[^\x20-\x7e]/g, ''));

/**
 * A hostile text: ordinary text with at least one forbidden character in it, or one far too long (`longest`: up to a
 * megabyte in a body; a URL stays under the 16 KB an HTTP server takes for its request line and headers).
 */
const hostileText = (longest: number) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(plain, forbiddenCharacter, plain).map(([before, bad, after]) => before + bad + after),
    },
    { weight: 1, arbitrary: fc.constantFrom('\u0000', 'A\u0000', "'\u0000'", '\ud800', '\udfff', 'a\ud800b') },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: longest }).map((length) => '7'.repeat(length)) },
  );

/** A URL carries UTF-8: half a surrogate pair cannot travel in one, so there it becomes a NUL, as hostile. */
const inUrl = (text: string) =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\u0000');

/** The same, as a header can carry it (fetch refuses NUL, line breaks and anything above U+00FF in a header). */
const hostileHeader = fc.oneof(
  fc.tuple(plain, fc.integer({ min: 0x01, max: 0x08 }), plain).map(([a, code, b]) => a + String.fromCharCode(code) + b),
  fc.tuple(plain, fc.integer({ min: 0x7f, max: 0xff }), plain).map(([a, code, b]) => a + String.fromCharCode(code) + b),
  fc.integer({ min: 9_000, max: 12_000 }).map((length) => 'x'.repeat(length)),
);

/** A key in the path: the text %-encoded (half pairs as U+FFFD), or bytes that are not UTF-8 at all. */
const hostileKey = fc.oneof(
  hostileText(10_000).map((text) => encodeURIComponent(inUrl(text))),
  fc.constantFrom('%ED%A0%80', '%C0%80', '%FF', '%00', '%2500'),
);

const WHO = ['ADMIN', 'ANNA', 'device', null] as const;
type Who = (typeof WHO)[number];

interface Sent {
  method: string;
  path: string;
  query?: string;
  body?: string;
  headers?: Record<string, string>;
  who: Who;
}

/** Every place a client puts text, each with a hostile text in it, sent as whoever reaches deepest there. */
function hostileRequests(ids: { setup: string; resource: string }): fc.Arbitrary<Sent> {
  const json = { 'Content-Type': 'application/json' };
  const inPath = fc.record({
    operation: fc.constantFrom(...OPERATIONS.filter((operation) => operation.path.includes('{id}'))),
    key: hostileKey,
    who: fc.constantFrom(...WHO),
  });
  const inQuery = fc.record({
    option: fc.constantFrom('$filter', '$orderby', '$top', '$skip', '$count', 'x'),
    shape: fc.constantFrom('contains(userId,?)', 'contains(displayName,?)', 'userId eq ?', 'pinCodeStatus eq ?', '?'),
    text: hostileText(10_000),
  });
  const inBody = fc.record({ field: fc.integer({ min: 0, max: 6 }), text: hostileText(1_100_000) });
  // Each header with a request that reads it: If-Match on a save, Idempotency-Key and Content-Type on the actions,
  // the credential on anything.
  const inHeader = fc.oneof(
    fc.record({ header: fc.constant('If-Match'), target: fc.constant('patch'), text: hostileHeader }),
    fc.record({
      header: fc.constantFrom('Idempotency-Key', 'Content-Type'),
      target: fc.constantFrom('change', 'verify', 'issue'),
      text: hostileHeader,
    }),
    fc.record({
      header: fc.constant('Authorization'),
      target: fc.constantFrom('change', 'verify', 'patch', 'issue', 'list'),
      text: hostileHeader,
    }),
  );
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return fc.oneof(
    inPath.map(({ operation, key, who }) => ({
      method: operation.method,
      path: operation.path.slice(1).replace('{id}', key),
      body:
        operation.method === 'GET'
          ? undefined
          : JSON.stringify(operation.operationId === 'verifyPinCode' ? { pinCode: '1' } : {}),
      headers: { ...json, 'If-Match': '*' },
      who,
    })),
    inQuery.map(({ option, shape, text }) => {
      const value = option === '$filter' ? shape.replace('?', quoted(text)) : text;
      return {
        method: 'GET',
        path: 'userSetups',
        query: `?${new URLSearchParams({ [option]: inUrl(value) })}`,
        who: 'ADMIN' as const,
      };
    }),
    inBody.map(({ field, text }): Sent => {
      const bodies: Array<[string, string, unknown, Who]> = [
        ['POST', 'session/Microsoft.NAV.changePinCode', { currentPinCode: text, newPinCode: '739204' }, 'ANNA'],
        ['POST', 'session/Microsoft.NAV.changePinCode', { currentPinCode: '', newPinCode: text }, 'ANNA'],
        ['POST', `resources(${ids.resource})/Microsoft.NAV.verifyPinCode`, { pinCode: text }, 'device'],
        ['POST', `userSetups(${ids.setup})/Microsoft.NAV.issueTemporaryPinCode`, { pinCode: text }, 'ADMIN'],
        ['PATCH', `userSetups(${ids.setup})`, { allowPinCode: text }, 'ADMIN'],
        ['PATCH', `userSetups(${ids.setup})`, { [text]: true }, 'ADMIN'],
        ['POST', `resources(${ids.resource})/Microsoft.NAV.verifyPinCode`, { pinCode: '1', [text]: '1' }, 'device'],
      ];
      const [method, path, body, who] = bodies[field];
      return { method, path, body: JSON.stringify(body), headers: { ...json, 'If-Match': '*' }, who };
    }),
    inHeader.map(({ header, target, text }): Sent => {
      const requests: Record<string, Omit<Sent, 'headers'>> = {
        // Were the header let through, a weak new code is refused uncounted (promise 6).
        change: {
          method: 'POST',
          path: 'session/Microsoft.NAV.changePinCode',
          body: JSON.stringify({ currentPinCode: 'x', newPinCode: '1' }),
          who: 'ANNA',
        },
        verify: {
          method: 'POST',
          path: `resources(${ids.resource})/Microsoft.NAV.verifyPinCode`,
          body: JSON.stringify({ pinCode: 'x' }),
          who: 'device',
        },
        patch: { method: 'PATCH', path: `userSetups(${ids.setup})`, body: '{"allowPinCode":true}', who: 'ADMIN' },
        issue: {
          method: 'POST',
          path: `userSetups(${ids.setup})/Microsoft.NAV.issueTemporaryPinCode`,
          body: '{"pinCode":"x"}',
          who: 'ADMIN',
        },
        list: { method: 'GET', path: 'userSetups', who: 'ADMIN' },
      };
      const request = requests[target];
      // Every header but the one under test is sound, so that the request goes as far as that header lets it.
      const headers: Record<string, string> = {
        ...json,
        'If-Match': 'W/"1"',
        [header]: header === 'Authorization' ? `Bearer ${text}` : text,
      };
      // A hostile credential acts as nobody: whoever the request was for, the header under test decides.
      return { ...request, headers, who: header === 'Authorization' ? null : request.who };
    }),
  );
}

/** Every user setup as the administrator sees it, etags included: any write shows in them. */
async function everySetup(host: ContractHost): Promise<UserSetup[]> {
  const admin = await host.clientFor('ADMIN');
  return (await admin.listUserSetups({ top: 1000, orderBy: { field: 'userId', direction: 'asc' } })).value;
}

const KINDS = [
  ['direct', 'the mock host on IndexedDB, called directly', 120],
  ['msw', 'the mock host on IndexedDB, through MSW', 40],
  ['bridge', 'the mock host behind the simulated Business Central bridge', 40],
  ['server', 'the server host on PGlite, over HTTP', 80],
  ['postgres', 'the server host on a PostgreSQL server, over HTTP', 80],
] as const;

for (const [kind, title, numRuns] of KINDS) {
  describe(`hostile text, on ${title}`, () => {
    let host: ContractHost | undefined;

    before(async function () {
      try {
        host = await startContractHost(kind);
      } catch (error) {
        if (!(error instanceof HostUnavailable)) throw error;
        console.warn(`The hostile-text test on ${kind} did not run: ${error.message}.`);
        this.skip();
      }
    });
    after(() => host?.stop());

    it('answers every text with NUL, control characters, half surrogate pairs or megabytes with a contract 4xx, and changes nothing', async () => {
      const before = await everySetup(host!);
      const anna = before.find((setup) => setup.userId === 'ANNA')!;
      const seen = new Map<ErrorCode, number>();
      await fc.assert(
        fc.asyncProperty(hostileRequests({ setup: anna.id, resource: anna.resourceId! }), async (sent) => {
          const url = `${host!.baseUrl}/${sent.path}${sent.query ?? ''}`;
          const response = await host!.fetchAs(sent.who)(url, {
            method: sent.method,
            body: sent.body,
            headers: sent.headers,
          });
          const text = await response.text();
          const what = `${sent.method} ${url.slice(0, 200)} as ${sent.who}: ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, what).to.be.within(400, 499);
          const answer = JSON.parse(text);
          expect(contractProblem('ErrorResponse', answer), what).to.equal(undefined);
          const code = answer.error.code as ErrorCode;
          expect(response.status, what).to.equal(ERROR_HTTP_STATUS[code]);
          seen.set(code, (seen.get(code) ?? 0) + 1);
        }),
        {
          numRuns,
          includeErrorInReport: true,
          // The attacker's own requests, on every host, whatever the random runs do.
          examples: [
            [{ method: 'GET', path: 'userSetups', query: "?$filter=contains(userId,'%00')", who: 'ADMIN' }],
            [{ method: 'GET', path: 'userSetups', query: "?$filter=userId eq 'A%00'", who: 'ADMIN' }],
            [{ method: 'GET', path: 'userSetups(%00)', who: 'ADMIN' }],
            [{ method: 'GET', path: 'resources(%00)', who: 'ADMIN' }],
            [{ method: 'GET', path: 'userSetups(%00)/pinCodeEvents', who: 'ADMIN' }],
            [
              {
                method: 'PATCH',
                path: 'userSetups(%00)',
                body: '{"allowPinCode":true}',
                headers: { 'Content-Type': 'application/json', 'If-Match': '*' },
                who: 'ADMIN',
              },
            ],
            [
              {
                method: 'POST',
                path: 'resources(%00)/Microsoft.NAV.verifyPinCode',
                body: '{"pinCode":"1"}',
                headers: { 'Content-Type': 'application/json' },
                who: 'device',
              },
            ],
            [
              {
                method: 'POST',
                path: `resources(${anna.resourceId})/Microsoft.NAV.verifyPinCode`,
                body: '{"pinCode":"1234\\u0000"}',
                headers: { 'Content-Type': 'application/json' },
                who: 'device',
              },
            ],
            [
              {
                method: 'POST',
                path: 'session/Microsoft.NAV.changePinCode',
                body: '{"currentPinCode":"\\ud800","newPinCode":"739204"}',
                headers: { 'Content-Type': 'application/json' },
                who: 'ANNA',
              },
            ],
          ],
        },
      );
      expect(await everySetup(host!), 'every setup after the hostile requests').to.deep.equal(before);
      // The texts reached the checks they aim at: the path's keys, the query, the bodies.
      expect([...seen.keys()]).to.include.members(['BadRequest_NotFound', 'BadRequest_Malformed']);
    });
  });
}
