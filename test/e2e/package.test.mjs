// The package as an integrator gets it: `npm pack`, then `npm install` of the tarball into an empty folder. Needs
// `npm run build` first (`npm test` runs it before the tests); the registry is asked only for what the cache lacks.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (command, args, cwd) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });

/** What the elements and the client need at run time; nothing else may come with the package. */
const DEPENDENCIES = ['@lit/context', '@lit/localize', '@lit/task', 'lit'];
/** What only the mock host (bundled into it), the tests or the server use. */
const NOT_INSTALLED = [
  'msw',
  'graphql',
  'idb',
  'hash-wasm',
  '@cfworker/json-schema',
  'tldts',
  'inquirer',
  'argon2',
  'pg',
  '@electric-sql/pglite',
  '@hono/node-server',
  'puppeteer-core',
];

let folder;
let app;
let packed;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mobile-flow-pin-package-'));
  // `npm test` built a moment ago: prepack's build (for a pack of a fresh clone) is not run again here.
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], root));
  app = join(folder, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(folder, packed.filename)], app);
});
after(() => rm(folder, { recursive: true, force: true }));

/** Bytes of every file under `path`. */
async function sizeOf(path) {
  let bytes = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  return bytes;
}

test('installing the package brings only the elements’ dependencies and theirs', async () => {
  const lock = JSON.parse(await readFile(join(app, 'node_modules/.package-lock.json'), 'utf8'));
  const installed = new Map(
    Object.entries(lock.packages)
      .filter(([path]) => path !== 'node_modules/mobile-flow-pin')
      .map(([path, entry]) => [path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), entry]),
  );
  const manifest = JSON.parse(await readFile(join(app, 'node_modules/mobile-flow-pin/package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.dependencies).sort(), DEPENDENCIES);
  // The mock bundles its own dependencies; the server host's are optional peers, which npm does not install.
  assert.deepEqual(
    Object.keys(manifest.peerDependencies ?? {}).filter((name) => !manifest.peerDependenciesMeta?.[name]?.optional),
    [],
  );
  for (const name of NOT_INSTALLED) assert.ok(!installed.has(name), `${name} is installed`);

  // Every installed package is reached from the package's dependencies.
  const reached = new Set();
  const reach = (name) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const dependency of Object.keys(installed.get(name)?.dependencies ?? {})) reach(dependency);
  };
  DEPENDENCIES.forEach(reach);
  assert.deepEqual(
    [...installed.keys()].filter((name) => !reached.has(name)),
    [],
  );

  const megabytes = (await sizeOf(join(app, 'node_modules'))) / 1e6;
  console.log(
    `Installed: mobile-flow-pin and ${installed.size} packages (${[...installed.keys()].sort().join(', ')}), ` +
      `${megabytes.toFixed(1)} MB in node_modules; the tarball is ${(packed.size / 1e3).toFixed(1)} kB.`,
  );
});

test('mobile-flow-pin/client imports in plain Node and its client calls the host', () => {
  const script = `
    import { checkPinCode, createMobileFlowClient, DEFAULT_PIN_POLICY, ERROR_CODES, MobileFlowError } from 'mobile-flow-pin/client';
    const requests = [];
    const client = createMobileFlowClient({
      baseUrl: 'https://erp.example/api/mobileflow/v1.0/',
      fetch: async (url, init) => {
        requests.push({ url, method: init.method, idempotencyKey: init.headers['Idempotency-Key'] });
        return Response.json(
          { error: { code: 'PinCode_CurrentInvalid', message: 'Wrong.', remainingAttempts: 2 } },
          { status: 403 },
        );
      },
    });
    const error = await client.changePinCode({ currentPinCode: '0000', newPinCode: '739204' }).catch((error) => error);
    console.log(JSON.stringify({
      hasDocument: typeof document !== 'undefined',
      requests,
      error: { isMobileFlowError: error instanceof MobileFlowError, code: error.code, remaining: error.remainingAttempts },
      knowsCode: ERROR_CODES.includes(error.code),
      rules: checkPinCode('1234', DEFAULT_PIN_POLICY).map((violation) => violation.rule),
    }));`;
  const result = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app));
  assert.equal(result.hasDocument, false);
  assert.equal(result.requests.length, 1);
  assert.equal(result.requests[0].url, 'https://erp.example/api/mobileflow/v1.0/session/Microsoft.NAV.changePinCode');
  assert.equal(result.requests[0].method, 'POST');
  assert.match(result.requests[0].idempotencyKey, /^[0-9a-f-]{36}$/);
  assert.deepEqual(result.error, { isMobileFlowError: true, code: 'PinCode_CurrentInvalid', remaining: 2 });
  assert.equal(result.knowsCode, true);
  assert.ok(result.rules.length > 0, 'checkPinCode refuses 1234');
});

test('npx mobile-flow-pin-conformance runs from the installed package with nothing more installed', () => {
  const bin = join(app, 'node_modules/.bin/mobile-flow-pin-conformance');
  assert.match(run(bin, ['--help'], app), /--config conformance\.json/);
  // A config that names no identities: the command says what to fix and exits 2, before any request.
  writeFileSync(join(app, 'conformance.json'), JSON.stringify({ baseUrl: 'http://127.0.0.1:9/api' }));
  const refused = spawnSync(bin, ['--config', 'conformance.json'], { cwd: app, encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /identities must name administrator, user, otherUser and device/);
});

test('the tarball holds the builds, their declarations, the manifests and the contract, and no tests, demo or bench', async () => {
  const files = packed.files.map((file) => file.path);
  for (const path of [
    'dist/lib/mobile-flow-pin.js',
    'dist/lib/client.js',
    'dist/types/index.d.ts',
    'dist/types/client.d.ts',
    'dist/types/mock/index.d.ts',
    'dist/mock/index.js',
    'dist/mock/hashing.worker.js',
    'dist/mock/mockServiceWorker.js',
    'dist/conformance/cli.js',
    'dist/conformance/index.js',
    'dist/types/conformance/index.d.ts',
    'custom-elements.json',
    'manifest.json',
    'src/api/openapi.json',
    'dist/cdn/mobile-flow-pin.js',
    'docs/promises.md',
    'LICENSE',
    'CHANGELOG.md',
  ])
    assert.ok(files.includes(path), `${path} is missing`);
  assert.deepEqual(
    files.filter((path) => /^(test|demo|bench)\//.test(path)),
    [],
  );

  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  // What npm users look for, and a build before every pack (a fresh clone packs a working package).
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'license'])
    assert.ok(manifest[field], `package.json has no ${field}`);
  assert.equal(manifest.scripts.prepack, 'npm run build');
  // The modules that define elements or load words have side effects; the DOM-free client has none.
  for (const file of ['dist/lib/mobile-flow-pin.js', 'dist/lib/change-pin-dialog.js', 'dist/lib/user-setup-table.js'])
    assert.ok(manifest.sideEffects.includes(`./${file}`), `sideEffects names ${file}`);
  assert.ok(!manifest.sideEffects.some((pattern) => pattern.includes('client')), 'the client has no side effects');
  const targets = Object.values(manifest.exports).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  for (const target of targets) {
    const [prefix, suffix = ''] = target.slice(2).split('*');
    assert.ok(
      target.includes('*')
        ? files.some((path) => path.startsWith(prefix) && path.endsWith(suffix))
        : files.includes(target.slice(2)),
      `the export ${target} is missing`,
    );
  }
});

test('the mock ships as JavaScript that resolves its imports, its worker and MSW’s own service worker', async () => {
  const mock = join(app, 'node_modules/mobile-flow-pin/dist/mock');
  for (const file of ['index.js', 'hashing.worker.js']) {
    const code = await readFile(join(mock, file), 'utf8');
    const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+)["'`]/g)].map(([, specifier]) => specifier);
    // Only the main entry, for the elements' own client class: nothing an integrator has to install.
    assert.deepEqual(imports, file === 'index.js' ? ['../lib/mobile-flow-pin.js'] : [], `${file} imports`);
  }
  const index = await readFile(join(mock, 'index.js'), 'utf8');
  assert.match(index, /new URL\(`hashing\.worker\.js`,import\.meta\.url\)/, 'the worker is found beside the module');

  // Where a test runner's config finds MSW's script to serve at /mockServiceWorker.js.
  const script = createRequire(join(app, 'package.json')).resolve('mobile-flow-pin/mock/mockServiceWorker.js');
  const version = /PACKAGE_VERSION = '([^']+)'/.exec(await readFile(script, 'utf8'))?.[1];
  const msw = JSON.parse(await readFile(join(root, 'node_modules/msw/package.json'), 'utf8')).version;
  assert.equal(version, msw, 'the service worker script is the bundled MSW’s own');
});

test('the declarations of every entry resolve in an integrator’s TypeScript project, library checks on', async () => {
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        // The server host's declarations name Node's own modules, as any Node package's do: a server project has
        // @types/node (here, this repository's copy).
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['integrator.ts'],
    }),
  );
  await writeFile(
    join(app, 'integrator.ts'),
    `import { MfChangePinDialog, mobileFlowClientContext } from 'mobile-flow-pin';
import {
  checkPinCode,
  createMobileFlowClient,
  DEFAULT_PIN_POLICY,
  type MobileFlowClient,
  type UserSetup,
} from 'mobile-flow-pin/client';
import { startMockHost, type MockHost } from 'mobile-flow-pin/mock';
import type { ServerHost } from 'mobile-flow-pin/server';
import { runConformance } from 'mobile-flow-pin/conformance';

const host: MockHost = await startMockHost({ transport: 'direct', seed: { users: 3 } });
host.faults.failNextWrite = 'afterHash';
const client: MobileFlowClient = createMobileFlowClient({ baseUrl: host.baseUrl });
const setups: UserSetup[] = (await client.listUserSetups()).value;
export const checks = [MfChangePinDialog, mobileFlowClientContext, checkPinCode('1234', DEFAULT_PIN_POLICY), setups, runConformance];
export type Server = ServerHost;
`,
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // As a bundler resolves the package, and as Node does (`module: nodenext`, where a JSON import needs its attribute).
  for (const [module, moduleResolution] of [
    ['ESNext', 'bundler'],
    ['NodeNext', 'NodeNext'],
  ]) {
    try {
      run(process.execPath, [tsc, '-p', app, '--module', module, '--moduleResolution', moduleResolution], app);
    } catch (error) {
      assert.fail(`tsc --module ${module}:\n${error.stdout}${error.stderr}`);
    }
  }
});

/** Starts the installed `mobile-flow-pin-host` on memory:// and port 0: its first lines, once it listens or ends. */
function startInstalledHost() {
  const child = spawn(join(app, 'node_modules/.bin/mobile-flow-pin-host'), ['--data', 'memory://', '--port', '0'], {
    cwd: app,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(check);
      resolve({ code, output: output.trim() });
    });
    const check = setInterval(() => {
      if (!/Mobile Flow PIN host: \S+/.test(output)) return;
      clearInterval(check);
      child.kill('SIGTERM');
    }, 50);
  });
}

test("without the server host's packages, the installed command and ./server say in one line what to install", async () => {
  const { code, output } = await startInstalledHost();
  assert.equal(code, 2, output);
  assert.equal(output, 'The server host needs the package @hono/node-server: npm install @hono/node-server');
  const script = `import('mobile-flow-pin/server').then((server) => server.createHostHandler({ database: 'memory://', identify: () => null })).catch((error) => console.log(error.constructor.name + ': ' + error.message));`;
  assert.equal(
    run(process.execPath, ['--input-type=module', '-e', script], app).trim(),
    'MissingPackage: The server host needs the package @electric-sql/pglite: npm install @electric-sql/pglite',
  );
});

test("with the README's install line, the installed command serves and mobile-flow-pin/server answers", async () => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const line = /^npm install (@electric-sql\/pglite .*)$/m.exec(readme)?.[1];
  assert.ok(line, "the README's install line of the server host's packages");
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...line.split(' ')], app);

  const { output } = await startInstalledHost();
  assert.match(output, /^Mobile Flow PIN host: http:\/\/127\.0\.0\.1:\d+\/api\/mobileflow\/v1\.0$/m);
  assert.match(output, /ADMIN +Authorization: Bearer \S+/);

  const script = `
    const { createHostHandler, issueDevelopmentTokens, identifyByDevelopmentToken } = await import('mobile-flow-pin/server');
    let identify = () => null;
    const host = await createHostHandler({ database: 'memory://', seed: 'demo', identify: (request) => identify(request) });
    identify = identifyByDevelopmentToken(host.database);
    const { ADMIN } = await issueDevelopmentTokens(host.database, [{ userId: 'ADMIN' }]);
    const answer = await host(new Request('http://host/api/mobileflow/v1.0/session', { headers: { Authorization: 'Bearer ' + ADMIN } }));
    console.log(JSON.stringify({ status: answer.status, userId: (await answer.json()).userId }));
    await host.close();`;
  assert.deepEqual(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app)), {
    status: 200,
    userId: 'ADMIN',
  });
});
