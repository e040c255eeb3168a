// The conformance kit by its command, `mobile-flow-pin-conformance` (dist/conformance/cli.js), over real HTTP against
// the server host's command (dist/server/cli.js --test-hooks) on a database in memory: a whole run on the config the
// host wrote itself (--conformance-config) that passes, says up front what it changes, reports as it runs and writes
// JUnit XML; a run without test hooks that reports the check needing them as not run, never as passed; and configs it
// cannot use, refused with exit 2 and one line. Everything it writes goes to a temporary folder. Runs the built
// modules (`npm run build` first).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CONFORMANCE_CHECKS } from '../../dist/conformance/index.js';

const hostCli = new URL('../../dist/server/cli.js', import.meta.url).pathname;
const kitCli = new URL('../../dist/conformance/cli.js', import.meta.url).pathname;
/** How many checks the kit has. */
const CHECKS = CONFORMANCE_CHECKS.length;
/** How many of them prove promise 5. */
const PROMISE_5 = CONFORMANCE_CHECKS.filter((check) => check.promise === 5).length;

const PROMISE_TITLES = [
  'Promise 1: Nobody but the user knows the final PIN code',
  'Promise 2: The administrator can start a PIN code but cannot end it',
  'Promise 3: The user changes their own PIN code without access to the user setup table',
  'Promise 4: The Resource card follows',
  'Promise 5: Guessing is stopped, however the guesses arrive',
  'Promise 6: Weak PIN codes are refused, with the reason',
  'Promise 7: Every change leaves a trace',
  'Promise 8: Concurrent edits never overwrite each other',
  'Promise 9: A retry is a retry, nothing more',
  'Promise 10: The setup means what it says',
  "Promise 11: A device check is a device's",
  'The contract: ',
];
const LOCK_END = 'the lock ends after lockoutMinutes';

/** An XML attribute's text as it was before it was escaped. */
const unescapeXml = (text) =>
  text.replace(/&(apos|quot|lt|gt|amp);/g, (_, name) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[name]);

/**
 * Starts the server host's command with test hooks on memory:// and port 0 (with `extra` options and `env`); resolves
 * once it listens.
 */
function startHost(folder, extra = [], env = {}) {
  const tokensFile = join(folder, 'tokens.json');
  const args = ['--data', 'memory://', '--port', '0', '--tokens-file', tokensFile, '--test-hooks', ...extra];
  const child = spawn(process.execPath, [hostCli, ...args], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const onExit = (code) => {
      clearInterval(check);
      reject(new Error(`the host exited with ${code}: ${output}`));
    };
    child.on('exit', onExit);
    const check = setInterval(() => {
      const baseUrl = /Mobile Flow PIN host: (\S+)/.exec(output)?.[1];
      if (!baseUrl || !output.includes('Test hooks on at') || !existsSync(tokensFile)) return;
      clearInterval(check);
      child.off('exit', onExit);
      resolve({
        baseUrl,
        hooksUrl: new URL('/test-hooks', baseUrl).href,
        output,
        tokens: JSON.parse(readFileSync(tokensFile, 'utf8')),
        stop: () =>
          new Promise((done) => (child.exitCode !== null ? done() : (child.on('exit', done), child.kill('SIGTERM')))),
      });
    }, 50);
  });
}

/**
 * Runs the kit's command with `args` in `folder`; resolves with its exit code, output, and whether the first progress
 * line came while the run still went on (before the last one).
 */
function runKit(folder, args) {
  const child = spawn(process.execPath, [kitCli, ...args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let progressWhileRunning;
  child.stdout.on('data', (chunk) => {
    const before = stdout;
    stdout += chunk;
    // The chunk that brings the first progress line does not bring the last one too: lines come as checks end.
    if (progressWhileRunning === undefined && /^\[\s*1\/\d+\]/m.test(stdout) && !/^\[\s*1\/\d+\]/m.test(before))
      progressWhileRunning = !/^\[(\d+)\/\1\]/m.test(stdout);
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, progressWhileRunning }));
  });
}

/** A conformance.json for the host, as a test company's administrator writes it. */
function configFor(host, { testHooks = true } = {}) {
  const bearer = (who) => ({ Authorization: `Bearer ${host.tokens[who]}` });
  return {
    baseUrl: host.baseUrl,
    identities: {
      administrator: { userId: 'ADMIN', headers: bearer('ADMIN') },
      user: { userId: 'ANNA', headers: bearer('ANNA') },
      otherUser: { userId: 'FREJA', headers: bearer('FREJA') },
      device: { headers: bearer('device') },
    },
    ...(testHooks && { testHooks: { url: host.hooksUrl, headers: bearer('ADMIN') } }),
  };
}

const write = (folder, name, content) => {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

/** The <testcase> elements of a JUnit file, by name, with what is inside them. */
const testCases = (xml) =>
  new Map(
    [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)" time="[\d.]+"(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map(
      ([, classname, name, inner]) => [name, { classname, inner: inner ?? '' }],
    ),
  );

describe('mobile-flow-pin-conformance against the server host, over HTTP', { timeout: 20 * 60_000 }, () => {
  let folder;
  let host;
  before(
    async () => {
      folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-conformance-'));
      host = await startHost(folder, ['--conformance-config', join(folder, 'conformance.json')]);
    },
    { timeout: 5 * 60_000 },
  );
  after(async () => {
    await host?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test(
    'a whole run on a fresh host: exit 0, what it changes up front, a line per check, a table per promise, JUnit',
    {
      timeout: 10 * 60_000,
    },
    async (t) => {
      // The config the host wrote (--conformance-config), with the identities a test company's administrator would name.
      const config = join(folder, 'conformance.json');
      assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')), configFor(host));
      assert.match(
        host.output,
        /Conformance kit config written to .*conformance\.json \(administrator ADMIN, users ANNA and FREJA, device device\)/,
      );
      const run = await runKit(folder, ['--config', config, '--junit', 'report.xml']);
      t.diagnostic(new RegExp(`^${CHECKS} checks, .*$`, 'm').exec(run.stdout)?.[0] ?? run.stdout);
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      assert.equal(run.stderr, '');

      // Up front, before the first check: what it changes, of whom, and where it may run.
      const [preface] = run.stdout.split(/^\[/m);
      assert.ok(preface.includes(`Proving the host at ${host.baseUrl} (${CHECKS} checks).`), preface);
      assert.match(preface, /changes the PIN state of ANNA and FREJA/);
      assert.match(preface, /test company/);
      assert.match(preface, /Test hooks at /);

      // A progress line per check, numbered, as the checks end.
      const progress = run.stdout.match(new RegExp(`^\\[\\s*\\d+\\/${CHECKS}\\] [✓✗–] .+$`, 'gm'));
      assert.equal(progress.length, CHECKS, run.stdout);
      assert.match(progress[0], new RegExp(`^\\[ 1\\/${CHECKS}\\] ✓ Promise 10 · a user who holds no PIN code`));
      assert.deepEqual(
        progress.map((line) => Number(/^\[\s*(\d+)/.exec(line)[1])),
        Array.from({ length: CHECKS }, (_, index) => index + 1),
      );
      assert.ok(
        progress.every((line) => line.includes(' ✓ ')),
        'every check passed',
      );
      assert.equal(run.progressWhileRunning, true, 'the progress lines come as the checks end, not all at the end');

      // A table per promise: its title, then the counts.
      for (const title of PROMISE_TITLES) {
        const table = new RegExp(`^${title}.*\\n  passed (\\d+) · failed 0 · not run 0$`, 'm').exec(run.stdout);
        assert.ok(table, `no table for ${title}`);
        assert.ok(Number(table[1]) > 0, `${title}: nothing passed`);
      }
      assert.match(
        run.stdout,
        new RegExp(
          `^Promise 5: Guessing is stopped, however the guesses arrive\\n {2}passed ${PROMISE_5} · failed 0`,
          'm',
        ),
      );
      assert.match(
        run.stdout,
        new RegExp(
          `^${CHECKS} checks, \\d+ answers inspected, [\\d.]+ s: ${CHECKS} passed, 0 failed, 0 not run\\.$`,
          'm',
        ),
      );
      assert.match(run.stdout, /^The host kept every promise\.$/m);
      assert.match(run.stdout, /JUnit XML written to report\.xml\./);

      // The JUnit file: XML, a test per check, none failed or skipped, a test suite per promise.
      const xml = readFileSync(join(folder, 'report.xml'), 'utf8');
      assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
      assert.match(xml, new RegExp(`<testsuites [^>]*tests="${CHECKS}" failures="0" skipped="0" errors="0"`));
      const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" skipped="(\d+)"/g)];
      assert.deepEqual(
        suites.map(([, name]) => PROMISE_TITLES.find((title) => unescapeXml(name).startsWith(title))),
        PROMISE_TITLES,
      );
      assert.equal(
        suites.reduce((sum, [, , tests]) => sum + Number(tests), 0),
        CHECKS,
      );
      assert.ok(suites.every(([, , , failures, skipped]) => failures === '0' && skipped === '0'));
      assert.equal(xml.match(/<testsuite /g).length, xml.match(/<\/testsuite>/g).length);
      assert.match(xml, /<\/testsuites>\n$/);
      const cases = testCases(xml);
      assert.equal(cases.size, CHECKS);
      assert.equal(cases.get(LOCK_END).classname, 'Promise 5');
      assert.ok(
        [...cases.values()].every(({ inner }) => inner === ''),
        'a test case holds a failure or a skip',
      );

      // Nothing was written but the config, the host's tokens and the report, all in the temporary folder.
      assert.deepEqual(readdirSync(folder).sort(), ['conformance.json', 'report.xml', 'tokens.json']);
    },
  );

  // A host as Business Central can be one: PIN codes under hmac-sha256 (AL computes no argon2id), every request
  // through the codeunit web service's envelope.
  test(
    "a whole run over Business Central's envelope on a fresh host hashing with hmac-sha256: every check passes",
    { timeout: 10 * 60_000 },
    async () => {
      const own = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-envelope-'));
      const fresh = await startHost(own, ['--hash', 'hmac-sha256'], {
        MF_PIN_HASH_KEY: randomBytes(32).toString('base64'),
      });
      try {
        assert.match(fresh.output, /PIN codes are hashed with hmac-sha256 under the key of MF_PIN_HASH_KEY\./);
        const url = `${new URL(fresh.baseUrl).origin}/ODataV4/MobileFlowPin_Handle?company=CRONUS`;
        // baseUrl only names the host: no request goes there (bc.invalid resolves nowhere), every one goes to `url`.
        const config = write(own, 'envelope.json', {
          ...configFor(fresh),
          baseUrl: 'http://bc.invalid/api/mobileflow/v1.0',
          transport: { kind: 'business-central', url },
        });
        const run = await runKit(own, ['--config', config, '--junit', 'envelope.xml']);
        assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
        assert.ok(
          run.stdout.includes(
            `Every request travels as an envelope through Business Central's codeunit web service at ${url}.`,
          ),
          run.stdout,
        );
        assert.match(run.stdout, new RegExp(`^${CHECKS} checks, .*: ${CHECKS} passed, 0 failed, 0 not run\\.$`, 'm'));
      } finally {
        await fresh.stop();
        rmSync(own, { recursive: true, force: true });
      }
    },
  );

  test(
    'without test hooks, --only 5: the lock-end check is reported not run, and why, never passed',
    {
      timeout: 10 * 60_000,
    },
    async () => {
      const config = write(folder, 'no-hooks.json', configFor(host, { testHooks: false }));
      const run = await runKit(folder, ['--config', config, '--junit', 'no-hooks.xml', '--only', '5']);
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, new RegExp(`\\(${PROMISE_5} checks\\)`));
      assert.match(run.stdout, /No test hooks: the checks that need the host's clock moved .* are reported as not run/);
      const progress = run.stdout.match(new RegExp(`^\\[\\s*\\d+\\/${PROMISE_5}\\] [✓✗–] .+$`, 'gm'));
      assert.equal(progress.length, PROMISE_5, run.stdout);
      assert.ok(
        progress.every((line) => line.includes('Promise 5 · ')),
        'only promise 5 ran',
      );
      const lockEnd = progress.find((line) => line.includes(LOCK_END));
      assert.match(lockEnd, new RegExp(`^\\[\\s*\\d+\\/${PROMISE_5}\\] – Promise 5 · `));
      assert.match(run.stdout, new RegExp(`${LOCK_END} \\(\\d+ ms\\)\\n {6}not run: .*test hooks`));
      assert.doesNotMatch(run.stdout, new RegExp(`✓ (Promise 5 · )?${LOCK_END}`));
      assert.match(
        run.stdout,
        new RegExp(`^Promise 5: Guessing is stopped.*\\n {2}passed ${PROMISE_5 - 1} · failed 0 · not run 1$`, 'm'),
      );
      assert.doesNotMatch(run.stdout, /^Promise (?!5:)\d+: /m);
      assert.match(run.stdout, new RegExp(`${PROMISE_5 - 1} passed, 0 failed, 1 not run\\.`));
      assert.match(run.stdout, /the checks not run prove nothing either way/);

      const xml = readFileSync(join(folder, 'no-hooks.xml'), 'utf8');
      assert.match(xml, new RegExp(`<testsuites [^>]*tests="${PROMISE_5}" failures="0" skipped="1"`));
      assert.equal(xml.match(/<testsuite /g).length, 1);
      const cases = testCases(xml);
      assert.equal(cases.size, PROMISE_5);
      assert.match(cases.get(LOCK_END).inner, /^\s*<skipped message="not run: [^"]*test hooks[^"]*"\/>\s*$/);
      assert.ok(
        [...cases].every(([name, { inner }]) => name === LOCK_END || inner === ''),
        'only the lock-end check was not passed',
      );
    },
  );

  test('configs it cannot use: exit 2 and one line that names the problem', { timeout: 5 * 60_000 }, async () => {
    const good = configFor(host);
    const withoutUser = structuredClone(good);
    delete withoutUser.identities.user;
    const cases = [
      ['a missing file', join(folder, 'missing.json'), /missing\.json: .*no such file/i],
      ['invalid JSON', write(folder, 'invalid.json', '{"baseUrl": "http://127.0.0.1:1/",'), /invalid\.json: .*JSON/],
      ['no identities.user', write(folder, 'no-user.json', withoutUser), /no-user\.json: identities\.user needs /],
      [
        'a baseUrl that is no URL',
        write(folder, 'bad-url.json', { ...good, baseUrl: 'host:8787/api' }),
        /bad-url\.json: baseUrl must be an http:\/\/ or https:\/\/ URL/,
      ],
    ];
    for (const [what, config, line] of cases) {
      const run = await runKit(folder, ['--config', config, '--junit', 'refused.xml']);
      assert.equal(run.code, 2, `${what}: ${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '', `${what}: nothing runs`);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${what}: ${run.stderr}`);
      assert.match(lines[0], line, what);
    }

    // A token the host does not know: the config reads well, but the run cannot start, and says what failed.
    const stranger = structuredClone(good);
    stranger.identities.user.headers.Authorization = `Bearer ${'x'.repeat(43)}`;
    const run = await runKit(folder, ['--config', write(folder, 'stranger.json', stranger), '--junit', 'refused.xml']);
    assert.equal(run.code, 2, `${run.stdout}${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], /^The run could not start: GET session as the user \(ANNA\) failed: /);
    assert.match(lines[0], /Nobody is signed in/);
    assert.doesNotMatch(run.stdout, /^\[/m, 'no check ran');
    assert.equal(existsSync(join(folder, 'refused.xml')), false, 'no report is written for a run that never ran');
  });
});
