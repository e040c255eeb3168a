// `npm run host` as a newcomer meets it: it starts, prints its URL and tokens, answers with a token and 401 without,
// stops on SIGTERM, and keeps its data across a restart; neither its output nor its database holds a PIN code in clear.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createMobileFlowClient } from '../../dist/lib/client.js';
import { openSqlDatabase } from '../../dist/server/index.js';

const cli = new URL('../../dist/server/cli.js', import.meta.url).pathname;

/**
 * Starts the command on `data` and port 0 (with `extra` options) … resolves once it printed its whole banner: its URL,
 * its tokens, and last the line that names the hash scheme.
 */
function startCommand(data, tokensFile, extra = []) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data', data, '--tokens-file', tokensFile, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the host exited with ${code}: ${output}`)));
    const check = setInterval(() => {
      const url = /Mobile Flow PIN host: (\S+)/.exec(output)?.[1];
      if (!url || !/^PIN codes are hashed with .*\n/m.test(output)) return;
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

/** The command's exit code and what it printed, for a start it refuses. */
function refusedStart(extra) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--data', 'memory://', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MF_PIN_HASH_KEY: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output: output.trim() })));
}

/** Sends `head` (a request line and headers, as bytes) over a plain socket and gives back the whole answer. */
function rawHttp(url, head) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(head));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

test('npm run host --policy FILE --device NAME --hash-key-file FILE: the policy from the file, a token per device, hmac-sha256 under the key, refused starts in words', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-command-'));
  let files = 0;
  /** A new policy file holding `text`. */
  const write = (text) => {
    const file = join(folder, `policy-${(files += 1)}.json`);
    writeFileSync(file, text);
    return file;
  };
  try {
    const policyFile = write(
      JSON.stringify({ maxFailedAttempts: 3, minLength: 7, administratorMayChoosePinCode: false }),
    );
    // One host for every option that starts one: each start of a host on memory:// costs seconds of PGlite's initdb.
    const host = await startCommand('memory://', join(folder, 'tokens.json'), [
      '--policy',
      policyFile,
      '--device',
      'scanner-1',
      '--device',
      'scanner-2',
      '--hash',
      'hmac-sha256',
      '--hash-key-file',
      write(`${Buffer.alloc(32, 5).toString('base64')}\n`),
    ]);
    try {
      assert.match(host.output(), /PIN policy from .*policy-1\.json: \{.*"maxFailedAttempts":3/);
      const tokens = JSON.parse(readFileSync(join(folder, 'tokens.json'), 'utf8'));
      assert.ok(tokens['scanner-1'] && tokens['scanner-2'] && !tokens.device, Object.keys(tokens).join(', '));
      const as = (who) =>
        createMobileFlowClient({ baseUrl: host.url, headers: { Authorization: `Bearer ${tokens[who]}` } });
      const { pinPolicy } = await as('ANNA').getSession();
      assert.deepEqual(
        [
          pinPolicy.maxFailedAttempts,
          pinPolicy.minLength,
          pinPolicy.maxLength,
          pinPolicy.administratorMayChoosePinCode,
        ],
        [3, 7, 8, false],
      );
      // Each device checks codes with its own token; the policy's three attempts hold.
      const anna = (await as('ADMIN').listUserSetups({ search: 'ANNA' })).value[0];
      await as('ADMIN').issueTemporaryPinCode(anna.id);
      assert.equal((await as('scanner-1').verifyPinCode(anna.resourceId, { pinCode: '1111111' })).remainingAttempts, 2);
      assert.equal((await as('scanner-2').verifyPinCode(anna.resourceId, { pinCode: '1111111' })).remainingAttempts, 1);
      // A header Node's parser refuses still gets the contract's JSON 400, not Node's bare one.
      const path = new URL(host.url).pathname;
      const answer = await rawHttp(
        host.url,
        `GET ${path}/session HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0001\r\n\r\n`,
      );
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /"code":"BadRequest_Malformed"/);

      // hmac-sha256 with the key of a file: a code the administrator issues is checked under it.
      assert.match(
        host.output(),
        /PIN codes are hashed with hmac-sha256 under the key of --hash-key-file .*policy-\d+\.json\./,
      );
      const freja = (await as('ADMIN').listUserSetups({ search: 'FREJA' })).value[0];
      const { pinCode } = await as('ADMIN').issueTemporaryPinCode(freja.id);
      assert.deepEqual(await as('scanner-1').verifyPinCode(freja.resourceId, { pinCode }), {
        valid: true,
        mustChange: true,
      });
    } finally {
      await host.stop();
    }

    for (const [extra, words] of [
      [
        ['--policy', write('{"maxFailedAttempts": 101}')],
        /maxFailedAttempts must be a whole number from 3 to 100, not 101/,
      ],
      [
        ['--policy', write('{"minLength": 9, "maxLength": 8}')],
        /minLength \(9\) must not be more than maxLength \(8\)/,
      ],
      [['--policy', write('{"lockMinutes": 5}')], /lockMinutes: no such pinPolicy field; the fields are minLength,/],
      [['--policy', write('[3]')], /must be a JSON object of pinPolicy fields/],
      [['--policy', write('{"maxFailedAttempts": 5')], /not JSON/],
      [['--policy', join(folder, 'missing.json')], /cannot be read/],
      [['--device', 'ANNA'], /--device ANNA: there is a user ANNA; give the device another name/],
      [['--device', 'a b'], /a device's name is 1 to 40 letters, digits or \. _ -/],
      [['--hash', 'md5'], /--hash "md5": the schemes are argon2id and hmac-sha256/],
      [
        ['--hash', 'hmac-sha256'],
        /--hash hmac-sha256: Hashing PIN codes with hmac-sha256 needs a hash key: set MF_PIN_HASH_KEY/,
      ],
      [
        ['--hash', 'hmac-sha256', '--hash-key-file', write('c2hvcnQ=')],
        /--hash-key-file .*: The PIN hash key holds 5 bytes; it needs at least 32/,
      ],
      [['--hash-key-file', write('not base64 at all')], /The PIN hash key is not base64/],
      [['--hash-key-file', join(folder, 'no-key')], /--hash-key-file .*no-key: cannot be read/],
    ]) {
      const { code, output } = await refusedStart(extra);
      assert.equal(code, 2, output);
      assert.match(output, words);
      assert.equal(output.split('\n').length, 1, `one line: ${output}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
