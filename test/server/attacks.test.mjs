// The server host's command as an attacker meets it, over real HTTP: a client that stops in the middle of its body,
// and a host killed (SIGKILL) in the middle of a burst of wrong codes and started again on the same data, on a PGlite
// data directory and on a PostgreSQL server. Whatever was answered as counted is counted after the restart, the setup
// and the Resource card agree, and the host goes on answering as before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMobileFlowClient, MobileFlowError } from '../../dist/lib/client.js';
import { freePort, postgresUnavailable, startPostgresDatabase } from '../../scripts/postgres-cluster.mjs';
import { freshPgliteFolder } from '../support/pglite-folders.mjs';

const cli = new URL('../../dist/server/cli.js', import.meta.url).pathname;

/**
 * Starts the command on `data` (a folder, or DATABASE_URL when it is a postgres URL); resolves once it listens. No lock
 * and no device throttle within a burst (maxFailedAttempts 100, maxDeviceFailures 1000): every wrong code is counted.
 */
async function startHost(data, folder) {
  const port = await freePort();
  const tokensFile = join(folder, `tokens-${port}.json`);
  const policy = join(folder, 'policy.json');
  writeFileSync(policy, JSON.stringify({ maxFailedAttempts: 100, maxDeviceFailures: 1000 }));
  const postgres = data.startsWith('postgres');
  const args = ['--port', String(port), '--tokens-file', tokensFile, '--policy', policy];
  if (!postgres) args.push('--data', data);
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, ...(postgres && { DATABASE_URL: data }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise((resolve, reject) => {
    const check = setInterval(() => output.includes('Authorization: Bearer') && (clearInterval(check), resolve()), 50);
    child.on('exit', (code) => (clearInterval(check), reject(new Error(`the host exited with ${code}: ${output}`))));
  });
  child.removeAllListeners('exit');
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
  const url = `http://127.0.0.1:${port}/api/mobileflow/v1.0`;
  return {
    url,
    port,
    as: (who) =>
      createMobileFlowClient({ baseUrl: url, headers: { Authorization: `Bearer ${tokens[who]}` }, retries: 0 }),
    token: (who) => tokens[who],
    kill: () => new Promise((resolve) => (child.on('exit', resolve), child.kill('SIGKILL'))),
    stop: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => (child.on('exit', resolve), child.kill('SIGTERM'))),
  };
}

const outcome = (promise) =>
  promise.then(
    (value) => value,
    (error) => {
      if (!(error instanceof MobileFlowError)) throw error;
      return { code: error.code };
    },
  );

/** Sends `text` over a plain socket to the host and closes it without waiting: a client gone mid-request. */
function sendAndHangUp(port, text) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
      // Long enough for the host to start reading the body, then the client is gone.
      setTimeout(() => (socket.destroy(), resolve()), 100);
    });
    socket.on('error', reject);
  });
}

const storages = [
  ['a PGlite data directory', () => undefined],
  ['a PostgreSQL server', () => postgresUnavailable()],
];

for (const [where, unavailable] of storages) {
  describe(`attacks on the server host's command, on ${where}`, { skip: unavailable() ?? false }, () => {
    let folder;
    let data;
    let postgres;
    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-attacks-'));
      if (where === 'a PostgreSQL server') {
        postgres = await startPostgresDatabase();
        data = postgres.url;
      } else {
        data = await freshPgliteFolder(join(folder, 'data'));
      }
    });
    after(async () => {
      await postgres?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    test('a client that stops in the middle of its body changes nothing, and the host answers the next one', async () => {
      const host = await startHost(data, folder);
      try {
        const admin = host.as('ADMIN');
        const anna = (await admin.listUserSetups({ search: 'ANNA' })).value.find((setup) => setup.userId === 'ANNA');
        const { pinCode } = await admin.issueTemporaryPinCode(anna.id);
        const before = await admin.getUserSetup(anna.id);
        const path = new URL(host.url).pathname;
        const body = JSON.stringify({ currentPinCode: pinCode, newPinCode: '739204' });
        await Promise.all(
          Array.from({ length: 20 }, () =>
            sendAndHangUp(
              host.port,
              `POST ${path}/session/Microsoft.NAV.changePinCode HTTP/1.1\r\nHost: x\r\n` +
                `Authorization: Bearer ${host.token('ANNA')}\r\nContent-Type: application/json\r\n` +
                `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
            ),
          ),
        );
        assert.deepEqual(await admin.getUserSetup(anna.id), before, 'nothing of a half-sent change was stored');
        const changed = await host.as('ANNA').changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });
        assert.equal(changed.resourceNo, 'R0010');
        assert.deepEqual(await host.as('device').verifyPinCode(anna.resourceId, { pinCode: '739204' }), {
          valid: true,
          mustChange: false,
        });
      } finally {
        await host.stop();
      }
    });

    test('killed in the middle of a burst of wrong codes and started again: every answered count is there, setup and card agree', async () => {
      let host = await startHost(data, folder);
      const admin = () => host.as('ADMIN');
      const lars = (await admin().listUserSetups({ search: 'LARS' })).value.find((setup) => setup.userId === 'LARS');
      const { pinCode } = await admin().issueTemporaryPinCode(lars.id);
      await host.as('LARS').changePinCode({ currentPinCode: pinCode, newPinCode: '582039' });
      const device = host.as('device');
      // Wrong codes one after another in four lanes, until the kill; then the host is gone mid-request.
      const answered = [];
      let killed = false;
      const lane = async () => {
        while (!killed) {
          const answer = await outcome(device.verifyPinCode(lars.resourceId, { pinCode: '55555555' }));
          if (answer.code === 'Client_NetworkFailure' || answer.code === 'Client_Timeout') return;
          answered.push(answer);
        }
      };
      const lanes = Promise.all([lane(), lane(), lane(), lane()]);
      while (answered.length < 12) await new Promise((resolve) => setTimeout(resolve, 5));
      killed = true;
      await host.kill();
      await lanes;

      host = await startHost(data, folder);
      try {
        const setup = await admin().getUserSetup(lars.id);
        const card = await admin().getResource(lars.resourceId);
        assert.deepEqual(
          [card.pinCodeStatus, card.pinCodeChangedAt, card.pinCodeChangedBy],
          [setup.pinCodeStatus, setup.pinCodeChangedAt, setup.pinCodeChangedBy],
          'the Resource card and the setup agree',
        );
        // Newest first: the wrong codes since LARS changed his code.
        const events = (await admin().listPinCodeEvents(lars.id)).value;
        const failures = events.findIndex((event) => event.type === 'changedByUser');
        assert.ok(
          events.slice(0, failures).every((event) => event.type === 'failedAttempt'),
          JSON.stringify(events),
        );
        const counted = answered.filter((answer) => answer.valid === false);
        assert.equal(counted.length, answered.length, JSON.stringify(answered));
        assert.ok(failures >= counted.length, `${counted.length} answered as counted, ${failures} in the history`);
        // The count in the setup is the history's (they are written together): the next wrong code is told so.
        const again = host.as('device');
        const next = await outcome(again.verifyPinCode(lars.resourceId, { pinCode: '55555555' }));
        assert.deepEqual(next, { valid: false, mustChange: false, remainingAttempts: 100 - failures - 1 });
        assert.deepEqual(await again.verifyPinCode(lars.resourceId, { pinCode: '582039' }), {
          valid: true,
          mustChange: false,
        });
      } finally {
        await host.stop();
      }
    });
  });
}
