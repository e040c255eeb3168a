import { ERROR_CODES, OPERATIONS, randomId, type ErrorCode } from '../../domain/index.js';
import { CheckFailed, expectEqual, expectTrue, NotRun, type Kit, type Role } from '../kit.js';
import type { CheckResult, ConformanceCheck } from './check.js';

/** What a role may expect of a request: a success, or an error code. */
type Outcome = 'ok' | ErrorCode;

interface Row {
  operation: string;
  method: string;
  path: (kit: Kit) => string;
  body?: (kit: Kit) => unknown;
  headers?: Record<string, string>;
  /** Per role; a role left out is not asked (its answer would change the state the row needs). */
  outcomes: Partial<Record<Role, Outcome>>;
}

const denied = 'Authorization_Denied';
const nobody = 'Authentication_InvalidCredentials';
/** A new code that breaks the policy: whoever may change their code gets PinCode_PolicyViolation, and nothing counts. */
const weakChange = () => ({ currentPinCode: '', newPinCode: '1' });

/** Every endpoint × administrator, user, other user, device and no credential (promise 3 and the contract's rows). */
const MATRIX: Row[] = [
  {
    operation: 'getSession',
    method: 'GET',
    path: () => 'session',
    outcomes: { administrator: 'ok', user: 'ok', otherUser: 'ok', device: denied, nobody },
  },
  {
    operation: 'changePinCode',
    method: 'POST',
    path: () => 'session/Microsoft.NAV.changePinCode',
    body: weakChange,
    outcomes: { user: 'PinCode_PolicyViolation', otherUser: 'PinCode_PolicyViolation', device: denied, nobody },
  },
  {
    operation: 'listUserSetups',
    method: 'GET',
    path: () => 'userSetups',
    outcomes: { administrator: 'ok', user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'getUserSetup',
    method: 'GET',
    path: (kit) => `userSetups(${kit.user.setupId})`,
    outcomes: { administrator: 'ok', user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'updateUserSetup',
    method: 'PATCH',
    path: (kit) => `userSetups(${kit.user.setupId})`,
    body: () => ({ allowPinCode: true }),
    headers: { 'If-Match': '*' },
    outcomes: { user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'issueTemporaryPinCode',
    method: 'POST',
    path: (kit) => `userSetups(${kit.user.setupId})/Microsoft.NAV.issueTemporaryPinCode`,
    body: () => ({}),
    outcomes: { user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'unlockPinCode',
    method: 'POST',
    path: (kit) => `userSetups(${kit.user.setupId})/Microsoft.NAV.unlockPinCode`,
    outcomes: { user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'listPinCodeEvents',
    method: 'GET',
    path: (kit) => `userSetups(${kit.user.setupId})/pinCodeEvents`,
    outcomes: { administrator: 'ok', user: denied, otherUser: denied, device: denied, nobody },
  },
  {
    operation: 'getResource',
    method: 'GET',
    path: (kit) => `resources(${kit.user.resourceId})`,
    outcomes: { administrator: 'ok', user: 'ok', otherUser: denied, device: 'ok', nobody },
  },
  {
    operation: 'verifyPinCode',
    method: 'POST',
    path: (kit) => `resources(${kit.user.resourceId})/Microsoft.NAV.verifyPinCode`,
    body: () => ({ pinCode: '' }),
    outcomes: { administrator: denied, user: denied, otherUser: denied, nobody },
  },
];

type Case = { what: string; method: string; path: string; body?: string; headers?: Record<string, string> };

/** Sends each case as `role` and gives back, in words, every answer that is not `want`: a whole batch, never the first. */
async function refusals(kit: Kit, role: Role, cases: Case[], want: { status: number; code: ErrorCode }) {
  const problems: string[] = [];
  for (const { what, method, path, body, headers } of cases) {
    const answer = await kit.raw(role, method, path, { body, headers });
    const code = answer.body?.error?.code;
    if (answer.status !== want.status || code !== want.code)
      problems.push(`${what}: ${answer.status} ${code ?? ''} (expected ${want.status} ${want.code})`);
  }
  return problems;
}

/** Refused unless every batch came back as wanted; names every case that did not. */
async function expectRefused(kit: Kit, role: Role, cases: Case[], want: { status: number; code: ErrorCode }) {
  const problems = await refusals(kit, role, cases, want);
  if (problems.length) throw new CheckFailed(problems.join('; '));
}

const json = { 'Content-Type': 'application/json' };

/** The contract itself: who may do what, bad input, unknown things, pages, and the whole run's answers. */
export const CONTRACT_CHECKS: ConformanceCheck[] = [
  {
    name: 'the authorization matrix: every endpoint for the administrator, the user, the other user, a device and nobody',
    promise: 3,
    async run(kit) {
      await kit.reset(kit.user);
      await kit.reset(kit.otherUser);
      const before = await kit.setupOf(kit.user);
      const problems: string[] = [];
      for (const row of MATRIX) {
        for (const [role, outcome] of Object.entries(row.outcomes) as Array<[Role, Outcome]>) {
          const body = row.body?.(kit);
          const answer = await kit.raw(role, row.method, row.path(kit), {
            body: body === undefined ? undefined : JSON.stringify(body),
            headers: { ...(body !== undefined && json), ...row.headers },
          });
          const got = answer.status === 200 ? 'ok' : (answer.body?.error?.code ?? `HTTP ${answer.status}`);
          if (got !== outcome) problems.push(`${row.operation} as ${role}: ${got}, expected ${outcome}`);
        }
      }
      if (problems.length) throw new CheckFailed(problems.join('; '));
      expectEqual(await kit.setupOf(kit.user), before, 'the setup after every refused request');
    },
  },
  {
    name: 'bad bodies get a specific 4xx, never a 500, and change nothing',
    promise: 'contract',
    async run(kit) {
      const { user } = kit;
      const pinCode = await kit.ownPinCode(user);
      const mark = await kit.eventMark(user);
      const change = 'session/Microsoft.NAV.changePinCode';
      const valid = JSON.stringify({ currentPinCode: pinCode, newPinCode: kit.freshPinCode() });
      const malformed = { status: 400, code: 'BadRequest_Malformed' } as const;
      const bodies: Array<[string, string]> = [
        ['malformed JSON', '{"currentPinCode": "1'],
        ['an array', '[]'],
        ['a string', '"739204"'],
        ['null', 'null'],
        ['a number', '42'],
        ['numbers for codes', JSON.stringify({ currentPinCode: 739204, newPinCode: 582039 })],
        ['a missing field', JSON.stringify({ newPinCode: '582039' })],
        ['an unknown field', JSON.stringify({ currentPinCode: pinCode, newPinCode: '582039', admin: true })],
        ['a huge body', JSON.stringify({ currentPinCode: pinCode, newPinCode: '7'.repeat(2_000_000) })],
        ['a deep body', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ];
      const problems = await refusals(
        kit,
        'user',
        bodies.map(([what, body]) => ({ what, method: 'POST', path: change, body, headers: json })),
        malformed,
      );
      // Every operation that takes a body reads it as carefully: each gets the worst of them, as its caller.
      const others: Array<[Role, string, string, Record<string, string>]> = [
        ['administrator', 'PATCH', `userSetups(${user.setupId})`, { 'If-Match': '*' }],
        ['administrator', 'POST', `userSetups(${user.setupId})/Microsoft.NAV.issueTemporaryPinCode`, {}],
        ['device', 'POST', `resources(${user.resourceId})/Microsoft.NAV.verifyPinCode`, {}],
      ];
      const worst = bodies.filter(([what]) => ['malformed JSON', 'an array', 'null', 'a deep body'].includes(what));
      for (const [role, method, path, headers] of others)
        problems.push(
          ...(await refusals(
            kit,
            role,
            worst.map(([what, body]) => ({
              what: `${method} ${path}: ${what}`,
              method,
              path,
              body,
              headers: { ...json, ...headers },
            })),
            malformed,
          )),
        );
      problems.push(
        ...(await refusals(
          kit,
          'administrator',
          [{ pinCodeStatus: 'set' }, { allowPinCode: 'yes' }, {}, { passwordMandatory: null }].map((body) => ({
            what: `PATCH ${JSON.stringify(body)}`,
            method: 'PATCH',
            path: `userSetups(${user.setupId})`,
            body: JSON.stringify(body),
            headers: { ...json, 'If-Match': '*' },
          })),
          malformed,
        )),
      );
      problems.push(
        ...(await refusals(
          kit,
          'user',
          [
            ['an empty key', ''],
            ['a key of one letter', 'k'],
            ['a key of 300 letters', 'k'.repeat(300)],
            ['a key with spaces', 'two words here'],
          ].map(([what, key]) => ({
            what: `Idempotency-Key: ${what}`,
            method: 'POST',
            path: change,
            body: valid,
            headers: { ...json, 'Idempotency-Key': key },
          })),
          malformed,
        )),
      );
      if (kit.target.httpMediaTypes !== false) {
        const types = [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];
        const unsupported = { status: 415, code: 'BadRequest_UnsupportedMediaType' } as const;
        problems.push(
          ...(await refusals(
            kit,
            'user',
            types.map((type) => ({
              what: `Content-Type ${type ?? 'missing'}`,
              method: 'POST',
              path: change,
              body: valid,
              headers: type ? { 'Content-Type': type } : ({} as Record<string, string>),
            })),
            unsupported,
          )),
        );
        for (const [role, method, path, headers] of others)
          problems.push(
            ...(await refusals(
              kit,
              role,
              [
                {
                  what: `${method} ${path}: Content-Type text/plain`,
                  method,
                  path,
                  body: '{}',
                  headers: { 'Content-Type': 'text/plain', ...headers },
                },
              ],
              unsupported,
            )),
          );
      }
      if (problems.length) throw new CheckFailed(problems.join('; '));
      expectEqual(await kit.eventsSince(user, mark), [], 'nothing counted');
      expectEqual(await kit.verify(user, pinCode), { valid: true, mustChange: false }, 'the code, unchanged');
    },
  },
  {
    name: 'a hostile or broken $filter, $orderby or paging gets BadRequest_Malformed or a right answer, never a 500',
    promise: 'contract',
    async run(kit) {
      const query = (what: string, options: string) => ({ what, method: 'GET', path: `userSetups?${options}` });
      const filter = (text: string) => `$filter=${encodeURIComponent(text)}`;
      const malformed = [
        query('$top=ten', '$top=ten'),
        query('$top=-1', '$top=-1'),
        query('$top too big', '$top=100000000000000000000'),
        query('$skip=-1', '$skip=-1'),
        query('$orderby of a secret', '$orderby=pinCode'),
        query('$orderby with SQL', `$orderby=${encodeURIComponent('userId; DROP TABLE user_setups')}`),
        query('$count=yes', '$count=yes'),
        query('an unknown option', '$select=userId'),
        query('an unclosed call', filter("contains(userId,'a'")),
        query('a filter on a secret', filter("pinCode eq '1234'")),
        query('a filter on the hash', filter('pinCodeHash ne null')),
        query('an unknown status', filter("pinCodeStatus eq 'weak'")),
        query('an unknown function', filter("substringof('a',userId)")),
        query(
          'a filter over 1000 characters',
          filter(Array.from({ length: 70 }, (_, i) => `userId eq 'U${i}'`).join(' or ')),
        ),
        query('an unclosed string', filter("userId eq 'A")),
        query('a prototype field', filter("__proto__ eq 'x'")),
      ];
      await expectRefused(kit, 'administrator', malformed, { status: 400, code: 'BadRequest_Malformed' });
      const answered = [
        query('deep nesting', filter(`${'('.repeat(450)}userId eq 'NOBODY-${randomId()}'${')'.repeat(450)}`)),
        query('SQL in a string', filter("userId eq 'x'' or 1=1 --'")),
        query('a LIKE wildcard', filter("contains(displayName,'%')")),
        query('an underscore', filter("contains(userId,'_')")),
        query('a backslash', filter("contains(displayName,'\\\\')")),
        query('letters from far away', filter("contains(displayName,'用户ßøé')")),
      ];
      for (const { what, path } of answered) {
        const answer = await kit.raw('administrator', 'GET', path);
        expectEqual(answer.status, 200, what);
        expectEqual(answer.body.value.length, 0, `${what}: matches nobody`);
      }
    },
  },
  {
    name: 'unknown ids and paths get BadRequest_NotFound',
    promise: 'contract',
    async run(kit) {
      const unknown = crypto.randomUUID?.() ?? randomId();
      const cases = [
        ['GET', `userSetups(${unknown})`, 'administrator'],
        ['GET', `userSetups(${unknown})/pinCodeEvents`, 'administrator'],
        ['POST', `userSetups(${unknown})/Microsoft.NAV.unlockPinCode`, 'administrator'],
        ['POST', `userSetups(${unknown})/Microsoft.NAV.issueTemporaryPinCode`, 'administrator'],
        ['GET', `resources(${unknown})`, 'administrator'],
        ['POST', `resources(${unknown})/Microsoft.NAV.verifyPinCode`, 'device'],
        ['GET', 'nothingHere', 'administrator'],
        ['GET', `userSetups(${encodeURIComponent("'); DROP TABLE user_setups; --")})`, 'administrator'],
      ] as const;
      const problems: string[] = [];
      for (const [method, path, role] of cases) {
        const body =
          method === 'POST' ? JSON.stringify(path.endsWith('verifyPinCode') ? { pinCode: '1' } : {}) : undefined;
        const answer = await kit.raw(role, method, path, { body, headers: body ? json : {} });
        if (answer.body?.error?.code !== 'BadRequest_NotFound')
          problems.push(`${method} ${path}: ${answer.status} ${answer.body?.error?.code ?? ''}`);
      }
      if (problems.length) throw new CheckFailed(`expected BadRequest_NotFound: ${problems.join('; ')}`);
    },
  },
  {
    name: 'pages of the user setup: paging is stable, sorting and filters keep what they say, the count is right',
    promise: 'contract',
    async run(kit) {
      const admin = kit.as('administrator');
      const all = await admin.listUserSetups({ top: 1000, orderBy: { field: 'userId' } });
      const ids = all.value.map((setup) => setup.userId);
      expectEqual([...ids].sort(), ids, 'the order by userId');
      const descending = await admin.listUserSetups({ top: 1000, orderBy: { field: 'userId', direction: 'desc' } });
      expectEqual(
        descending.value.map((setup) => setup.userId),
        [...ids].reverse(),
        'the order by userId desc',
      );
      if (all['@odata.count']! <= 1000) expectEqual(all['@odata.count'], ids.length, 'the count');
      // The table asks for a page without its count, and for the count alone: both must be the page's and count's.
      const countAlone = await admin.listUserSetups({ top: 0 });
      expectEqual(countAlone.value.length, 0, 'the rows of $top=0');
      expectEqual(countAlone['@odata.count'], all['@odata.count'], 'the count alone ($top=0&$count=true)');
      const second = await admin.listUserSetups({ top: 2, skip: 2, orderBy: { field: 'userId' } });
      expectEqual(
        second.value.map((setup) => setup.userId),
        ids.slice(2, 4),
        'the second page of two',
      );
      const found = await admin.listUserSetups({ search: kit.user.userId.toLowerCase() });
      expectTrue(
        found.value.some((setup) => setup.userId === kit.user.userId),
        'a search in lower case finds the user',
      );
      const foundCount = await admin.listUserSetups({ top: 0, search: kit.user.userId.toLowerCase() });
      expectEqual(foundCount['@odata.count'], found['@odata.count'], "a search's count alone ($top=0&$count=true)");
      const uncounted = await admin.listUserSetups({ top: 2, skip: 2, orderBy: { field: 'userId' }, count: false });
      expectEqual(
        uncounted.value.map((setup) => setup.userId),
        ids.slice(2, 4),
        'the second page of two, without $count',
      );
      for (const status of ['notSet', 'temporary', 'set'] as const) {
        const page = await admin.listUserSetups({ pinCodeStatus: status, top: 1000 });
        expectTrue(
          page.value.every((setup) => setup.pinCodeStatus === status),
          `the filter on ${status} keeps only ${status}`,
        );
      }
      await kit.ownPinCode(kit.user);
      await kit.lockOut(kit.user);
      const locked = await admin.listUserSetups({ lockedOnly: true, top: 1000 });
      expectTrue(
        locked.value.some((setup) => setup.userId === kit.user.userId) &&
          locked.value.every((setup) => setup.lockedUntil !== null),
        'the locked filter finds the locked user and only locked users',
      );
      await kit.reset(kit.user);
    },
  },
];

/** The run's own end: what every answer showed, and whether every operation and error code was reached. */
export const WHOLE_RUN_CHECKS: ConformanceCheck[] = [
  {
    name: 'no answer held a PIN code, a hash or a field named like one',
    promise: 1,
    async run(kit) {
      if (kit.log.leaks.length)
        throw new CheckFailed(kit.log.leaks.map((leak) => `${leak.message} (in "${leak.check}")`).join('; '));
      expectTrue(kit.log.answers > 0, 'answers were seen');
    },
  },
  {
    name: 'every answer was as the contract documents it',
    promise: 'contract',
    async run(kit) {
      if (kit.log.problems.length)
        throw new CheckFailed(
          kit.log.problems.map((problem) => `${problem.message} (in "${problem.check}")`).join('; '),
        );
    },
  },
  {
    name: 'every operation answered with success, and every error code of the contract was reached',
    promise: 'contract',
    async run(kit, earlier) {
      const operations = OPERATIONS.map((operation) => operation.operationId).filter(
        (id) => !kit.log.succeeded.has(id),
      );
      // The Business Central add-in bridge carries JSON text to AL, not HTTP media types.
      const unreachable: ErrorCode[] = kit.target.httpMediaTypes === false ? ['BadRequest_UnsupportedMediaType'] : [];
      const codes = ERROR_CODES.filter((code) => !kit.log.errorCodes.has(code) && !unreachable.includes(code));
      const note = unreachable.length
        ? `${unreachable.join(', ')} cannot be reached through this transport`
        : undefined;
      if (!operations.length && !codes.length) return note;
      if (kit.partial) throw new NotRun('only part of the kit ran (--only): the whole contract cannot be judged');
      const missing = [...operations, ...codes].join(', ');
      const notRun = earlier.filter((result: CheckResult) => result.status !== 'passed');
      if (notRun.length)
        throw new NotRun(`not reached: ${missing}, while ${notRun.length} check(s) did not run or failed`);
      throw new CheckFailed(`not reached: ${missing}`);
    },
  },
];
