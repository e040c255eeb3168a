// Two server host processes on one PostgreSQL server: every promise still holds, because every action decides
// inside a transaction that holds its user's row lock, not in a queue of one process. Each part has a database of its
// own (on the cluster npm test shares, else on a throwaway cluster in a temporary folder); where no PostgreSQL server is
// installed, the test says it did not run and why.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMobileFlowClient, MobileFlowError } from '../../dist/lib/client.js';
import { freePort, postgresUnavailable, startPostgresDatabase } from '../../scripts/postgres-cluster.mjs';

const skip = postgresUnavailable() ?? false;
const cli = new URL('../../dist/server/cli.js', import.meta.url).pathname;

/** Starts `mobile-flow-pin-host` on DATABASE_URL and resolves with its base URL and tokens once it listens. */
async function startHostProcess(databaseUrl, folder, name, extra = []) {
  const port = await freePort();
  const tokensFile = join(folder, `${name}-tokens.json`);
  const child = spawn(process.execPath, [cli, '--port', String(port), '--tokens-file', tokensFile, ...extra], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('Mobile Flow PIN host:')) {
        clearInterval(check);
        resolve();
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(check);
      reject(new Error(`${name} exited with ${code}: ${output}`));
    });
  });
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
  const baseUrl = `http://127.0.0.1:${port}/api/mobileflow/v1.0`;
  return {
    child,
    output: () => output,
    clientFor: (who) => createMobileFlowClient({ baseUrl, headers: { Authorization: `Bearer ${tokens[who]}` } }),
    stop: () =>
      new Promise((resolve) =>
        child.exitCode !== null ? resolve() : (child.on('exit', resolve), child.kill('SIGTERM')),
      ),
  };
}

const outcome = (promise) =>
  promise.then(
    (value) => value,
    (error) => {
      if (!(error instanceof MobileFlowError)) throw error;
      return { code: error.code, ...(error.retryAfter !== undefined && { retryAfter: error.retryAfter }) };
    },
  );

describe('two server host processes on one PostgreSQL server', { skip }, () => {
  let folder;
  let postgres;
  let hosts;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-hosts-'));
    postgres = await startPostgresDatabase();
    hosts = await Promise.all([
      startHostProcess(postgres.url, folder, 'first'),
      startHostProcess(postgres.url, folder, 'second'),
    ]);
  });
  after(async () => {
    await Promise.all((hosts ?? []).map((host) => host.stop()));
    await postgres?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('seed the demo once, and each accepts the tokens the other printed', async () => {
    const [first, second] = hosts;
    const page = await first.clientFor('ADMIN').listUserSetups({ top: 100 });
    assert.equal(page['@odata.count'], 21);
    assert.equal((await second.clientFor('ANNA').getSession()).userId, 'ANNA');
  });

  test('count exactly maxFailedAttempts of 200 wrong device checks sent to both at once, then lock', async () => {
    const [first, second] = hosts;
    const admin = first.clientFor('ADMIN');
    const lars = (await admin.listUserSetups({ search: 'LARS' })).value[0];
    const { pinCode } = await admin.issueTemporaryPinCode(lars.id);
    const devices = [first.clientFor('device'), second.clientFor('device')];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        outcome(devices[i % 2].verifyPinCode(lars.resourceId, { pinCode: '55555555' })),
      ),
    );
    const wrong = answers.filter((answer) => answer.valid === false).map((answer) => answer.remainingAttempts);
    assert.deepEqual(wrong.sort(), [1, 2, 3, 4]);
    assert.equal(answers.filter((answer) => answer.code === 'PinCode_Locked').length, 196);
    assert.deepEqual(await outcome(devices[1].verifyPinCode(lars.resourceId, { pinCode })), { code: 'PinCode_Locked' });
    const types = (await admin.listPinCodeEvents(lars.id)).value.map((event) => event.type);
    assert.deepEqual(
      [types.filter((type) => type === 'failedAttempt').length, types.filter((type) => type === 'locked').length],
      [5, 1],
    );
  });

  test("never overwrite an administrator's change with a user's change read in the other process", async () => {
    const [first, second] = hosts;
    const admin = first.clientFor('ADMIN');
    const anna = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
    const { pinCode, userSetup } = await admin.issueTemporaryPinCode(anna.id);
    const [patched, changed] = await Promise.all([
      outcome(admin.updateUserSetup(userSetup, { passwordMandatory: true })),
      outcome(second.clientFor('ANNA').changePinCode({ currentPinCode: pinCode, newPinCode: '739204' })),
    ]);
    assert.equal(changed.resourceNo, 'R0010');
    const now = await admin.getUserSetup(anna.id);
    assert.equal(now.pinCodeStatus, 'set');
    if (patched.code) assert.equal(patched.code, 'Request_EntityChanged');
    else assert.equal(now.passwordMandatory, true);
    const card = await admin.getResource(anna.resourceId);
    assert.deepEqual([card.pinCodeStatus, card.pinCodeChangedAt], [now.pinCodeStatus, now.pinCodeChangedAt]);
  });

  test('write no PIN code and no hash to their output', () => {
    for (const host of hosts) {
      assert.ok(!host.output().includes('$argon2'));
      assert.ok(!host.output().includes('739204'));
    }
  });
});

describe("one device's throttle across two server host processes on one PostgreSQL server", { skip }, () => {
  let folder;
  let postgres;
  let hosts;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-hosts-'));
    // Each user's own lock far away: only the device's throttle (20 wrong codes in 10 minutes) decides.
    const policy = join(folder, 'policy.json');
    writeFileSync(policy, JSON.stringify({ maxFailedAttempts: 100, maxDeviceFailures: 20 }));
    postgres = await startPostgresDatabase();
    hosts = await Promise.all(
      ['first', 'second'].map((name) => startHostProcess(postgres.url, folder, name, ['--policy', policy])),
    );
  });
  after(async () => {
    await Promise.all((hosts ?? []).map((host) => host.stop()));
    await postgres?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('count exactly maxDeviceFailures of 200 wrong codes for three users sent to both at once, and refuse the rest with 429', async () => {
    const admin = hosts[0].clientFor('ADMIN');
    const setups = (await admin.listUserSetups({ top: 3, pinCodeStatus: 'set' })).value;
    assert.equal(setups.length, 3);
    const devices = hosts.map((host) => host.clientFor('device'));
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        outcome(devices[i % 2].verifyPinCode(setups[i % 3].resourceId, { pinCode: '55555555' })),
      ),
    );
    const refused = answers.filter((answer) => answer.code === 'Request_TooManyRequests');
    assert.equal(answers.filter((answer) => answer.valid === false).length, 20);
    assert.equal(refused.length, 180);
    assert.ok(refused.every((answer) => answer.retryAfter >= 1 && answer.retryAfter <= 600));
    const events = await Promise.all(setups.map((setup) => admin.listPinCodeEvents(setup.id)));
    const types = events.flatMap((list) => list.value.map((event) => event.type));
    assert.deepEqual(
      [
        types.filter((type) => type === 'failedAttempt').length,
        types.filter((type) => type === 'deviceThrottled').length,
      ],
      [20, 3],
    );
  });
});
