// The built outputs the browser tests load (dist/server for the server host, dist/lib, dist/mock and dist/bc for the
// tests of what ships), built on demand: when the output is missing or older than a file under src/ or bc/. `npm test`
// builds everything first, so nothing is built here then; `npx web-test-runner test/one.test.ts` on a fresh clone builds
// only what that file loads.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each output folder under dist/, the file whose age stands for the folder's, and the vite builds that make it. */
export const OUTPUTS = {
  server: { file: 'dist/server/index.js', modes: ['server'] },
  // `--mode lib` empties dist/lib, and `--mode client` adds client.js to it.
  lib: { file: 'dist/lib/mobile-flow-pin.js', modes: ['lib', 'client'] },
  mock: { file: 'dist/mock/index.js', modes: ['mock'] },
  'bc/ChangePinCode': { file: 'dist/bc/ChangePinCode/script.js', modes: ['bc-change-pin-code'] },
  'bc/UserSetup': { file: 'dist/bc/UserSetup/script.js', modes: ['bc-user-setup'] },
};

/** The newest modification time of any file below `folder`. */
function newestBelow(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  return newest;
}

/** Per output, its build (or the finding that it is current): each output is looked at once per run. */
const building = new Map();
/** When a file under src/ or bc/ last changed: read once per process, for every output alike. */
let sourcesChanged;

/** Runs `vite build --mode mode`. */
const viteBuild = (mode) =>
  new Promise((resolve, reject) => {
    const child = spawn('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build --mode ${mode} failed`))));
  });

/** Builds `output` (a key of OUTPUTS) when it is missing or older than the sources; once per process. */
export function builtOutput(output) {
  if (!building.has(output)) {
    const { file, modes } = OUTPUTS[output];
    const built = `${root}/${file}`;
    sourcesChanged ??= Math.max(newestBelow(`${root}/src`), newestBelow(`${root}/bc`));
    const current = existsSync(built) && statSync(built).mtimeMs >= sourcesChanged;
    building.set(
      output,
      current
        ? Promise.resolve()
        : (async () => {
            console.log(`${file} is missing or older than src/: building it (vite build --mode ${modes.join(', ')})…`);
            for (const mode of modes) await viteBuild(mode);
          })(),
    );
  }
  return building.get(output);
}

/**
 * Builds, one after the other, every output that is missing or older than the sources, before any test runs: a build
 * made on a test's first request would count against that test's time limit.
 */
export async function buildStaleOutputs() {
  for (const output of Object.keys(OUTPUTS)) await builtOutput(output);
}

/** A dev-server middleware that builds the output a request under /dist/ asks for before it is served. */
export async function buildOnRequest(context, next) {
  const output = Object.keys(OUTPUTS).find((name) => context.path.startsWith(`/dist/${name}/`));
  if (output) await builtOutput(output);
  return next();
}
