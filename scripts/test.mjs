// `npm test`: everything a contributor and CI run, on a fresh clone as on a working copy, in about the time of the
// browser tests alone. The installs first (scripts/ensure-environment.mjs); then the checks beside the build; then
// the browser tests (web-test-runner) beside the Node tests (node --test: the server host, PostgreSQL, the packed
// package, the demo end to end). The browser tests' output streams; the Node tests' follows when they are done, so that
// the two never interleave. Ends with each stage's time and one closing line, `tests: N passed, N failed, N skipped`,
// for both runners together. `TEST_TIMES=1 npm test` also lists each test file's time, slowest first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresUnavailable, SHARED_CLUSTER_VARIABLE, startPostgresCluster } from './postgres-cluster.mjs';
import { TEMPLATE_VARIABLE } from '../test/support/pglite-folders.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const stages = [];
const work = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-test-'));
const timesFiles = process.env.TEST_TIMES
  ? { browser: join(work, 'browser-times.jsonl'), node: join(work, 'node-times.jsonl') }
  : undefined;

/**
 * Runs `command` from the project's folder; resolves to its exit code and, when `capture`, its output (else it is
 * printed as it comes). Its time goes into the stage list.
 */
function run(name, command, args, { capture = false, env = {} } = {}) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      stages.push({ name, ms: Date.now() - start, code: code ?? signal });
      resolve({ code: code ?? 1, output });
    });
  });
}

/** The counts of a closing line `N passed, N failed, N skipped` (web-test-runner's, from our summary reporter). */
function browserCounts(output) {
  const match = /tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(output);
  return match ? { passed: +match[1], failed: +match[2], skipped: +match[3] } : undefined;
}

/** The names of the tests that failed in node --test's spec output (its lines that start with ✖), each once. */
function nodeFailures(output) {
  const lines = output.split('\n').filter((line) => /^\s*✖ /.test(line) && !/✖ failing tests:/.test(line));
  return [...new Set(lines.map((line) => `  ✖ ${line.trim().slice(2)}`))];
}

/** The counts of node --test's spec summary (`ℹ pass N`, `ℹ fail N`, `ℹ skipped N`, `ℹ todo N`). */
function nodeCounts(output) {
  const count = (word) => Number(new RegExp(`^ℹ ${word} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const counts = { passed: count('pass'), failed: count('fail'), skipped: count('skipped') + count('todo') };
  return Number.isNaN(counts.passed + counts.failed + counts.skipped) ? undefined : counts;
}

// Installs what is missing: node_modules (npm ci), Chromium, PostgreSQL. Nothing else can run before it.
const environment = spawnSync(process.execPath, ['scripts/ensure-environment.mjs', '--postgres'], {
  cwd: root,
  stdio: 'inherit',
});
stages.push({ name: 'install what is missing', ms: Date.now() - started, code: environment.status });
if (environment.status !== 0) process.exit(environment.status ?? 1);

// One PostgreSQL cluster for every Node test file, a database each (startPostgresDatabase): a cluster of each file's
// own cost it seconds of initdb. Started beside the checks and the build; a cluster that does not start leaves each
// file to start its own, and say why when that fails too.
const cluster = postgresUnavailable()
  ? Promise.resolve(undefined)
  : startPostgresCluster().catch((error) => console.log(`The Node tests' shared PostgreSQL cluster: ${error.message}`));
/** Stops the shared cluster, if it started, and removes its files. */
async function stopCluster() {
  const started = await cluster;
  started?.stop();
}

const [checks, build] = await Promise.all([
  run('checks (format, contract types, manifest, README, words, types)', 'npm', ['run', '--silent', 'check'], {
    capture: true,
  }),
  run('build', 'npm', ['run', '--silent', 'build'], { capture: true }),
]);
for (const { code, output } of [checks, build]) if (code !== 0 || output.trim()) process.stdout.write(output);
if (build.code !== 0) {
  console.error('\nThe build failed: no test can run.');
  await stopCluster();
  process.exit(1);
}
await run('bundle sizes', process.execPath, ['scripts/size.mjs']);

const nodeTests = run(
  'Node tests',
  process.execPath,
  [
    '--test',
    // No test waits forever: one that hangs (a child process that died unseen) fails after ten minutes.
    '--test-timeout=600000',
    // Two files at a time: much of their time is spent waiting on servers, browsers and child processes, and once the
    // browser tests end (about half-way) one file alone leaves a core idle.
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    ...(timesFiles
      ? ['--test-reporter=./scripts/node-timing-reporter.mjs', `--test-reporter-destination=${timesFiles.node}`]
      : []),
    'test/e2e/',
    'test/server/',
  ],
  {
    capture: true,
    env: {
      [SHARED_CLUSTER_VARIABLE]: (await cluster)?.url ?? '',
      [TEMPLATE_VARIABLE]: join(work, 'pglite-template'),
      // In every Node process of these tests (the files, the commands they start): WebAssembly on Liftoff alone.
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(join(root, 'test/support/wasm-liftoff.cjs'))}`.trim(),
    },
  },
);
const browserSummary = join(work, 'web-test-runner.txt');
await run('browser tests', 'npx', ['web-test-runner'], {
  env: { TEST_SUMMARY: browserSummary, ...(timesFiles && { TEST_TIMES: timesFiles.browser }) },
});
const node = await nodeTests;
await stopCluster();
process.stdout.write(`\n${node.output}`);

// The browser tests' closing line, which they printed already, is also in the summary reporter's file, with a line
// for each failed test.
const browserSummaryText = existsSync(browserSummary) ? readFileSync(browserSummary, 'utf8') : '';
const browser = browserCounts(browserSummaryText);
const failedTests = [
  ...browserSummaryText.split('\n').filter((line) => line.startsWith('  ✖ ')),
  ...nodeFailures(node.output),
];
const nodeTotals = nodeCounts(node.output);

if (timesFiles) {
  const rows = Object.values(timesFiles)
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean))
    .map((line) => JSON.parse(line))
    .sort((a, b) => b.ms - a.ms);
  console.log('\nEach test file, slowest first:');
  for (const row of rows) console.log(`  ${seconds(row.ms).padStart(8)}  ${row.runner.padEnd(15)} ${row.file}`);
}
rmSync(work, { recursive: true, force: true });

console.log('\nWhere the time went:');
for (const stage of stages)
  console.log(`  ${seconds(stage.ms).padStart(8)}  ${stage.name}${stage.code === 0 ? '' : ` (failed: ${stage.code})`}`);
console.log(
  `  ${seconds(Date.now() - started).padStart(8)}  in all (the checks beside the build, the two test runners side by side)`,
);

const failedStages = stages.filter((stage) => stage.code !== 0);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const counts of [browser, nodeTotals]) {
  if (!counts) totals.failed += 1;
  else for (const key of Object.keys(totals)) totals[key] += counts[key];
}
if (failedStages.length) console.log(`\nFailed: ${failedStages.map((stage) => stage.name).join(', ')}.`);
if (failedTests.length) console.log(`\nThe tests that failed:\n${failedTests.join('\n')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length || totals.failed ? 1 : 0);
