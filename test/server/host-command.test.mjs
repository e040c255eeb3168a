// `npm run host` as a newcomer meets it: it starts, prints its URL and tokens, answers with a token and 401 without,
// stops on SIGTERM, and keeps its data across a restart; neither its output nor its database holds a PIN code in clear.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createMobileFlowClient } from '../../dist/lib/client.js';
import { openSqlDatabase } from '../../dist/server/index.js';

const cli = new URL('../../dist/server/cli.js', import.meta.url).pathname;

/** Starts the command on `data` and port 0 … resolves once it printed its URL. */
function startCommand(data, tokensFile) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data', data, '--tokens-file', tokensFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the host exited with ${code}: ${output}`)));
    const check = setInterval(() => {
      const url = /Mobile Flow PIN host: (\S+)/.exec(output)?.[1];
      if (!url || !output.includes('Authorization: Bearer')) return;
      clearInterval(check);
      child.removeAllListeners('exit');
      resolve({
        url,
        output: () => output,
        // A host that has died already (a crash) is not waited for: its exit was earlier.
        stop: () =>
          child.exitCode !== null || child.signalCode !== null
            ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
            : new Promise(
                (done) => (child.on('exit', (code, signal) => done({ code, signal })), child.kill('SIGTERM')),
              ),
      });
    }, 50);
  });
}

test('npm run host: starts, prints its URL and development tokens, keeps its data across a restart', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-command-'));
  const data = join(folder, 'data');
  const tokensFile = join(folder, 'tokens.json');
  try {
    const first = await startCommand(data, tokensFile);
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/mobileflow\/v1\.0$/);
    assert.match(first.output(), /development identities/);
    assert.match(first.output(), /createHostHandler\(\{ identify \}\)/);
    const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
    assert.ok(tokens.ADMIN && tokens.ANNA && tokens.device, Object.keys(tokens).join(', '));
    const as = (who) =>
      createMobileFlowClient({ baseUrl: first.url, headers: { Authorization: `Bearer ${tokens[who]}` } });
    assert.equal((await as('ANNA').getSession()).userId, 'ANNA');
    assert.equal((await fetch(`${first.url}/session`)).status, 401);
    const admin = as('ADMIN');
    const anna = (await admin.listUserSetups({ search: 'ANNA' })).value[0];
    const { pinCode } = await admin.issueTemporaryPinCode(anna.id);
    await as('ANNA').changePinCode({ currentPinCode: pinCode, newPinCode: '739204' });
    assert.deepEqual(await first.stop(), { code: 0, signal: null });

    const second = await startCommand(data, tokensFile);
    const again = JSON.parse(readFileSync(tokensFile, 'utf8'));
    const device = createMobileFlowClient({
      baseUrl: second.url,
      headers: { Authorization: `Bearer ${again.device}` },
    });
    assert.deepEqual(await device.verifyPinCode(anna.resourceId, { pinCode: '739204' }), {
      valid: true,
      mustChange: false,
    });
    for (const output of [first.output(), second.output()]) {
      assert.ok(!output.includes('739204') && !output.includes(pinCode) && !output.includes('$argon2'), output);
    }
    await second.stop();

    // Nothing in the database holds either code in clear: every table, as text.
    const database = await openSqlDatabase(data);
    const tables = await database.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    const dump = [];
    for (const { table_name: table } of tables) {
      const rows = await database.query(`SELECT * FROM ${table}`);
      dump.push(JSON.stringify(rows));
    }
    await database.close();
    const text = dump.join('\n');
    assert.ok(text.includes('$argon2id$'), 'the hashes are there');
    assert.ok(!text.includes('739204') && !text.includes(pinCode), 'a PIN code is in the database in clear');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
