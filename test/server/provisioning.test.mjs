// Provisioning: users and their Resource cards from the host's own system into the server host,
// through the API (`host.users.upsert` / `remove`) and through the command (`mobile-flow-pin-host users import FILE`,
// a real process on real files), on PGlite and on a PostgreSQL server. A user given can sign in and is listed; giving
// the same list again changes nothing, PIN code included; a list with any problem is refused whole, every problem named
// by its line; an identity the host was never given is told, in 403, that it is not set up. Runs the built modules.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMobileFlowClient, MobileFlowError } from '../../dist/lib/client.js';
import {
  createHostHandler,
  identifyByDevelopmentToken,
  issueDevelopmentTokens,
  openSqlDatabase,
  ProvisioningRefused,
  TEST_ARGON2ID,
} from '../../dist/server/index.js';
import { postgresUnavailable, startPostgresDatabase } from '../../scripts/postgres-cluster.mjs';
import { freshPgliteFolder } from '../support/pglite-folders.mjs';

const cli = new URL('../../dist/server/cli.js', import.meta.url).pathname;
const baseUrl = 'http://host.test/api/mobileflow/v1.0';
const NOT_SET_UP = /^(\w+) is not set up in Mobile Flow: ask your administrator to add you/;

const USERS = [
  { userId: 'BOSS', displayName: 'Bo "Boss" Berg', administrator: true },
  { userId: 'KIM', displayName: 'Kim Larsen', resource: { number: 'R1000', name: 'Larsen, Kim' } },
  { userId: 'EVA', displayName: 'Eva Holm', resource: { number: 'R1001' }, passwordMandatory: true },
];
const USERS_CSV = `userId,displayName,administrator,resourceNo,resourceName,passwordMandatory,allowPinCode
BOSS,"Bo ""Boss"" Berg",yes,,,,
KIM,Kim Larsen,no,R1000,"Larsen, Kim",false,true
EVA,Eva Holm,0,R1001,,1,
`;

/** The tables that hold users, and how many rows each holds: what a refused list must leave as it was. */
async function rowCounts(database) {
  const counts = {};
  for (const table of ['user_setups', 'resources', 'credentials', 'pin_code_events', 'idempotency']) {
    const [row] = await database.query(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** A server host on `database` (nothing seeded), with a client per identity that calls its handler. */
async function openHost(database) {
  let identify = async () => null;
  const host = await createHostHandler({
    database,
    argon2idCost: TEST_ARGON2ID,
    identify: (request) => identify(request),
  });
  identify = identifyByDevelopmentToken(host.database);
  const client = (token) =>
    createMobileFlowClient({
      baseUrl,
      headers: { Authorization: `Bearer ${token}` },
      fetch: (input, init) => host(new Request(input, init)),
    });
  const [deviceToken] = Object.values(await issueDevelopmentTokens(host.database, [{ device: 'scanner-1' }]));
  return {
    host,
    device: client(deviceToken),
    clientFor: async (userId) => client(Object.values(await issueDevelopmentTokens(host.database, [{ userId }]))[0]),
  };
}

const failure = (promise) =>
  promise.then(
    () => assert.fail('the request was answered 2xx'),
    (error) => {
      if (!(error instanceof MobileFlowError)) throw error;
      return { status: error.status, code: error.code, message: error.message };
    },
  );

/** Runs `mobile-flow-pin-host` with `args` on `database`; resolves with its exit code and what it printed. */
function runCommand(database, args) {
  const isUrl = database.startsWith('postgres');
  const child = spawn(process.execPath, [cli, ...args, ...(isUrl ? [] : ['--data', database])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: isUrl ? database : '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A user's session and Resource card, as they and the device see them. */
async function signIn(t, userId) {
  const client = await t.clientFor(userId);
  const session = await client.getSession();
  return { client, session };
}

/** Issues `userId` a temporary code as `administrator`, and has them change it to `pinCode`. */
async function givePinCode(t, administrator, userId, pinCode) {
  const admin = await t.clientFor(administrator);
  const [setup] = (await admin.listUserSetups({ search: userId })).value;
  const { pinCode: temporary } = await admin.issueTemporaryPinCode(setup.id);
  await (await t.clientFor(userId)).changePinCode({ currentPinCode: temporary, newPinCode: pinCode });
  return setup;
}

const databases = [
  {
    name: 'PGlite',
    skip: false,
    async start() {
      const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-provisioning-'));
      let count = 0;
      return {
        fresh: () => freshPgliteFolder(join(folder, `data-${(count += 1)}`)),
        stop: () => rmSync(folder, { recursive: true }),
      };
    },
  },
  {
    name: 'a PostgreSQL server',
    skip: postgresUnavailable() ?? false,
    async start() {
      const made = [];
      return {
        async fresh() {
          const database = await startPostgresDatabase();
          made.push(database);
          return database.url;
        },
        stop: () => Promise.all(made.map((database) => database.stop())),
      };
    },
  },
];

for (const { name, skip, start } of databases) {
  describe(`provisioning the server host, on ${name}`, { skip, timeout: 5 * 60_000 }, () => {
    let place;
    let folder;
    before(async () => {
      place = await start();
      folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-user-files-'));
    });
    after(async () => {
      await place?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    });
    const file = (fileName, text) => {
      const path = join(folder, fileName);
      writeFileSync(path, text);
      return path;
    };

    test('an identity the host was never given is answered 403: not set up in Mobile Flow, ask the administrator', async () => {
      const t = await openHost(await place.fresh());
      try {
        const stranger = await t.clientFor('NEWCOMER');
        const answer = await failure(stranger.getSession());
        assert.equal(answer.status, 403);
        assert.equal(answer.code, 'Authorization_Denied');
        assert.match(answer.message, NOT_SET_UP);
        assert.equal(NOT_SET_UP.exec(answer.message)[1], 'NEWCOMER');
        // Every operation, not only the session: the core says it before it routes to one.
        const denied = await failure(stranger.listUserSetups());
        assert.equal(denied.status, 403);
        assert.match(denied.message, NOT_SET_UP);
        // With no credential at all, it is still 401.
        const response = await t.host(new Request(`${baseUrl}/session`));
        assert.equal(response.status, 401);
      } finally {
        await t.host.close();
      }
    });

    test('host.users: users given sign in and are listed, the same list again changes nothing, an update updates, removal removes', async () => {
      const t = await openHost(await place.fresh());
      try {
        assert.deepEqual(await t.host.users.upsert(USERS), {
          added: ['BOSS', 'KIM', 'EVA'],
          updated: [],
          unchanged: [],
        });
        const { session } = await signIn(t, 'KIM');
        assert.equal(session.displayName, 'Kim Larsen');
        assert.equal(session.resourceNo, 'R1000');
        assert.equal(session.canManageUserSetup, false);
        assert.equal((await signIn(t, 'EVA')).session.passwordMandatory, true);
        const boss = await t.clientFor('BOSS');
        const listed = (await boss.listUserSetups({ orderBy: { field: 'userId' } })).value;
        assert.deepEqual(
          listed.map((setup) => [setup.userId, setup.resourceNo, setup.allowPinCode]),
          [
            ['BOSS', null, true],
            ['EVA', 'R1001', true],
            ['KIM', 'R1000', true],
          ],
        );
        assert.equal((await boss.getResource(session.resourceId)).name, 'Larsen, Kim');

        // KIM gets a PIN code of their own; then the same list again: nothing changes, not even an etag.
        const kim = await givePinCode(t, 'BOSS', 'KIM', '739204');
        const before = await rowCounts(t.host.database);
        const kimBefore = await boss.getUserSetup(kim.id);
        assert.deepEqual(await t.host.users.upsert(USERS), {
          added: [],
          updated: [],
          unchanged: ['BOSS', 'KIM', 'EVA'],
        });
        assert.deepEqual(await rowCounts(t.host.database), before);
        assert.deepEqual(await boss.getUserSetup(kim.id), kimBefore);
        assert.deepEqual(await t.device.verifyPinCode(kim.resourceId, { pinCode: '739204' }), {
          valid: true,
          mustChange: false,
        });

        // A new name and card name, then a new card number: the same card, with the same PIN code and history.
        const renamed = USERS.map((user) =>
          user.userId === 'KIM'
            ? { ...user, displayName: 'Kim Dahl', resource: { number: 'R1000', name: 'Dahl, Kim' } }
            : user,
        );
        assert.deepEqual(await t.host.users.upsert(renamed), {
          added: [],
          updated: ['KIM'],
          unchanged: ['BOSS', 'EVA'],
        });
        const updated = await boss.getUserSetup(kim.id);
        assert.equal(updated.displayName, 'Kim Dahl');
        assert.notEqual(updated['@odata.etag'], kimBefore['@odata.etag']);
        assert.equal(updated.pinCodeStatus, 'set');
        assert.equal((await boss.getResource(kim.resourceId)).name, 'Dahl, Kim');
        const renumbered = renamed.map((user) =>
          user.userId === 'KIM' ? { ...user, resource: { number: 'R2000', name: 'Dahl, Kim' } } : user,
        );
        assert.deepEqual((await t.host.users.upsert(renumbered)).updated, ['KIM']);
        const card = await boss.getResource(kim.resourceId);
        assert.equal(card.number, 'R2000');
        assert.equal(card.pinCodeStatus, 'set');
        assert.equal((await boss.listPinCodeEvents(kim.id)).value.length, 2, 'issued, then changed by the user');
        assert.deepEqual(await t.device.verifyPinCode(kim.resourceId, { pinCode: '739204' }), {
          valid: true,
          mustChange: false,
        });

        // Removal: KIM and everything of theirs; an id the host does not have is no error, and neither is a second time.
        assert.deepEqual(await t.host.users.remove(['KIM', 'NOBODY']), { removed: ['KIM'], absent: ['NOBODY'] });
        assert.deepEqual(await t.host.users.remove(['KIM']), { removed: [], absent: ['KIM'] });
        const left = await t.host.database.query(
          `SELECT (SELECT count(*) FROM user_setups WHERE user_id = 'KIM') AS setups,
                  (SELECT count(*) FROM resources WHERE id = $1) AS resources,
                  (SELECT count(*) FROM credentials WHERE resource_id = $1) AS credentials,
                  (SELECT count(*) FROM pin_code_events WHERE user_setup_id = $2) AS events,
                  (SELECT count(*) FROM idempotency WHERE key LIKE $3 OR key LIKE 'user KIM' || E'\\n%') AS records`,
          [kim.resourceId, kim.id, `%${kim.id}%`],
        );
        assert.deepEqual(Object.values(left[0]).map(Number), [0, 0, 0, 0, 0], JSON.stringify(left[0]));
        assert.equal((await failure(t.device.verifyPinCode(kim.resourceId, { pinCode: '739204' }))).status, 404);
        assert.match((await failure((await t.clientFor('KIM')).getSession())).message, NOT_SET_UP);
        assert.deepEqual(
          (await boss.listUserSetups({ orderBy: { field: 'userId' } })).value.map((setup) => setup.userId),
          ['BOSS', 'EVA'],
        );
      } finally {
        await t.host.close();
      }
    });

    test('host.users.upsert: a list with any problem is refused whole, every problem named, nothing changed', async () => {
      const t = await openHost(await place.fresh());
      try {
        await t.host.users.upsert(USERS);
        const before = await rowCounts(t.host.database);
        const error = await t.host.users
          .upsert([
            { userId: 'NEW', displayName: 'Fine on its own', resource: { number: 'R3000' } },
            { displayName: 'No id' },
            { userId: 'NEW', displayName: 'Twice' },
            { userId: 'ADA', displayName: 'Ada', administrator: 'yes' },
            { userId: 'IDA', displayName: 'Ida', resource: { number: 'R1000' } },
            { userId: 'EVA', displayName: 'Eva Holm', allowPinCode: false },
            { userId: 'BO', displayName: 'Bo', resource: { number: 'R3000' } },
          ])
          .then(
            () => assert.fail('the list was taken'),
            (refused) => refused,
          );
        assert.ok(error instanceof ProvisioningRefused, String(error));
        assert.deepEqual(
          error.problems.map(({ index, message }) => `users[${index}]: ${message}`),
          [
            'users[1]: userId is missing.',
            'users[2]: userId NEW is given twice: also users[0].',
            'users[3]: administrator must be true or false, not "yes".',
            "users[4]: resource R1000 is KIM's Resource card: a card changes hands in two steps, first taken from KIM, then given.",
            'users[5]: passwordMandatory needs allowPinCode: EVA could not sign in on a device at all (Password mandatory is on for them now).',
            'users[6]: resource R3000 is given twice: also users[0].',
          ],
        );
        assert.match(error.message, /^6 problems, nothing was changed:\n {2}users\[1\]: userId is missing\./);
        assert.deepEqual(await rowCounts(t.host.database), before);
      } finally {
        await t.host.close();
      }
    });

    test('an upsert and a PIN code change of the same user at once: neither overwrites the other', async () => {
      const t = await openHost(await place.fresh());
      try {
        await t.host.users.upsert(USERS);
        const [boss, kim] = await Promise.all([t.clientFor('BOSS'), t.clientFor('KIM')]);
        const [setup] = (await boss.listUserSetups({ search: 'KIM' })).value;
        const codes = ['739204', '640183', '582917', '904761', '316842', '275093', '861430', '493158'];
        for (const [round, newPinCode] of codes.entries()) {
          const { pinCode } = await boss.issueTemporaryPinCode(setup.id);
          const name = `Kim Larsen ${round}`;
          await Promise.all([
            kim.changePinCode({ currentPinCode: pinCode, newPinCode }),
            t.host.users.upsert([{ userId: 'KIM', displayName: name, resource: { number: 'R1000' } }]),
          ]);
          const now = await boss.getUserSetup(setup.id);
          assert.deepEqual([now.displayName, now.pinCodeStatus, now.pinCodeChangedBy], [name, 'set', 'user']);
          assert.equal((await boss.getResource(setup.resourceId)).name, name);
        }
      } finally {
        await t.host.close();
      }
    });

    test('users import FILE: CSV then JSON, a re-import changes nothing, an update updates, users remove removes', async () => {
      const database = await place.fresh();
      const csv = file('users.csv', USERS_CSV);
      const first = await runCommand(database, ['users', 'import', csv]);
      assert.deepEqual(first, { code: 0, stdout: 'Imported 3 users: 3 added, 0 updated, 0 unchanged.\n', stderr: '' });

      // The host is stopped while the command runs: a PGlite folder is one process's database.
      let t = await openHost(database);
      let kim;
      try {
        const boss = await t.clientFor('BOSS');
        assert.equal((await boss.getSession()).displayName, 'Bo "Boss" Berg');
        assert.equal((await boss.getSession()).canManageUserSetup, true);
        assert.equal((await signIn(t, 'EVA')).session.passwordMandatory, true);
        assert.equal((await boss.listUserSetups()).value.length, 3);
        kim = await givePinCode(t, 'BOSS', 'KIM', '739204');
        assert.equal((await boss.getResource(kim.resourceId)).name, 'Larsen, Kim');
      } finally {
        await t.host.close();
      }

      assert.equal(
        (await runCommand(database, ['users', 'import', csv])).stdout,
        'Imported 3 users: 0 added, 0 updated, 3 unchanged.\n',
      );
      // The same users as JSON, KIM with a new name: only KIM is updated.
      const json = file(
        'users.json',
        JSON.stringify({
          users: USERS.map((user) => (user.userId === 'KIM' ? { ...user, displayName: 'Kim Dahl' } : user)),
        }),
      );
      assert.deepEqual(await runCommand(database, ['users', 'import', json]), {
        code: 0,
        stdout: 'Imported 3 users: 0 added, 1 updated, 2 unchanged.\n',
        stderr: '',
      });
      t = await openHost(database);
      try {
        const { session } = await signIn(t, 'KIM');
        assert.equal(session.displayName, 'Kim Dahl');
        assert.equal(session.pinCodeStatus, 'set');
        assert.deepEqual(await t.device.verifyPinCode(kim.resourceId, { pinCode: '739204' }), {
          valid: true,
          mustChange: false,
        });
      } finally {
        await t.host.close();
      }

      assert.deepEqual(await runCommand(database, ['users', 'remove', 'KIM', 'NOBODY']), {
        code: 0,
        stdout: 'Removed 1 user: KIM. Not there: NOBODY.\n',
        stderr: '',
      });
      // A database given users is never filled with the demo's: the development host serves these and no others, and
      // the kit's config names who fits it (here, nobody does).
      const started = await runCommand(database, ['--port', '0', '--conformance-config', join(folder, 'kit.json')]);
      assert.equal(started.code, 2, started.stdout + started.stderr);
      assert.match(
        started.stderr,
        /--conformance-config .*kit\.json: the kit needs an administrator and two users .*; this database has an administrator and 0 such users\./,
      );
      t = await openHost(database);
      try {
        assert.match((await failure((await t.clientFor('KIM')).getSession())).message, NOT_SET_UP);
        const all = await t.host.database.query('SELECT user_id FROM user_setups ORDER BY user_id');
        assert.deepEqual(
          all.map((row) => row.user_id),
          ['BOSS', 'EVA'],
        );
      } finally {
        await t.host.close();
      }
    });

    // The files' checks do not depend on the database: the bad files run once, against the last database here (the
    // PostgreSQL server where there is one), where a command starts fastest.
    if (name === databases.findLast((database) => !database.skip).name)
      test('users import FILE: each bad file is refused with exit 2, its problems by line, and nothing imported', async () => {
        const database = await place.fresh();
        assert.equal((await runCommand(database, ['users', 'import', file('users.csv', USERS_CSV)])).code, 0);
        const counts = async () => {
          const db = await openSqlDatabase(database);
          try {
            return await rowCounts(db);
          } finally {
            await db.close();
          }
        };
        const before = await counts();
        const header = 'userId,displayName,administrator,resourceNo,resourceName,passwordMandatory,allowPinCode\n';
        const cases = [
          [
            'bad JSON',
            file(
              'syntax.json',
              '[\n  {"userId": "ADA", "displayName": "Ada"},\n  {"userId": "IDA" "displayName": "Ida"}\n]\n',
            ),
            ['  line 3: not JSON: expected "," or "}", not "\\"".'],
          ],
          [
            'bad CSV quoting',
            file('quoting.csv', `${header}ADA,Ada,,,,,\nIDA,"Ida "the" Hansen",,R2000,,,\n`),
            ['  line 3: text after the closing quote of "Ida ": a quote inside a quoted field is doubled ("").'],
          ],
          [
            'a quoted field never closed',
            file('unclosed.csv', `${header}ADA,"Ada,,,,,\nIDA,Ida,,,,,\n`),
            ['  line 2: the quoted field opened on line 2 is never closed.'],
          ],
          [
            'a missing userId',
            file('no-id.json', '[\n  {"userId": "ADA", "displayName": "Ada"},\n  {"displayName": "Nobody"}\n]'),
            ['  users[1] (line 3): userId is missing.'],
          ],
          [
            'duplicate ids',
            file('twice.csv', `${header}ADA,Ada,,,,,\nIDA,Ida,,,,,\nADA,Ada again,,,,,\n`),
            ['  line 4: userId ADA is given twice: also line 2.'],
          ],
          [
            'a bad boolean',
            file('boolean.csv', `${header}ADA,Ada,maybe,,,,\n`),
            ['  line 2: administrator "maybe" is not true or false (yes or no, 1 or 0).'],
          ],
          [
            'a resource number another user holds',
            file('clash.csv', `${header}ADA,Ada,,R2000,,,\nIDA,Ida,,R1000,,,\n`),
            [
              "  line 3: resource R1000 is KIM's Resource card: a card changes hands in two steps, first taken from KIM, then given.",
            ],
          ],
          [
            'an unknown column',
            file('columns.csv', 'userId,displayName,resourceNumber\nADA,Ada,R2000\n'),
            [
              '  line 1: the header: no column is called "resourceNumber". The columns are userId,displayName,administrator,resourceNo,resourceName,passwordMandatory,allowPinCode (userId and displayName needed).',
            ],
          ],
          [
            'several problems at once, in the order of the file',
            file(
              'several.csv',
              `${header}ADA,Ada,,,,,\n,No id,,,,,\nIDA,"Ida "x" Hansen",,,,,\nUNA,Una,,,,,,\nADA,Ada,nope,R1001,,,\n`,
            ),
            [
              '  line 3: userId is missing.',
              '  line 4: text after the closing quote of "Ida ": a quote inside a quoted field is doubled ("").',
              '  line 5: 8 fields, where the header has 7.',
              '  line 6: administrator "nope" is not true or false (yes or no, 1 or 0).',
              '  line 6: userId ADA is given twice: also line 2.',
            ],
          ],
        ];
        for (const [what, path, problems] of cases) {
          const run = await runCommand(database, ['users', 'import', path]);
          assert.equal(run.code, 2, `${what}: ${run.stdout}${run.stderr}`);
          assert.equal(run.stdout, '', what);
          const [first, ...lines] = run.stderr.trimEnd().split('\n');
          assert.match(first, /\((JSON|CSV)\): \d+ problems?, so nothing was imported\.$/, what);
          assert.deepEqual(lines, problems, what);
          assert.deepEqual(await counts(), before, `${what}: something was imported`);
        }
      });
  });
}
