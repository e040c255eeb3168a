// `npm run demo:server`: the demo on the server host. Starts the server host (PGlite in ./mobile-flow-pin-data, or
// the PostgreSQL server of DATABASE_URL) on port 8787, then the demo's dev server with its client pointed at it; the
// role switcher switches between the host's development tokens. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = process.env.MF_SERVER_HOST_PORT ?? '8787';
const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-demo-'));
const tokens = join(folder, 'tokens.json');

const data = process.env.MF_DEMO_DATA ?? './mobile-flow-pin-data';
const host = spawn(process.execPath, ['dist/server/cli.js', '--port', port, '--data', data, '--tokens-file', tokens], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let vite;
let output = '';
host.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
  const url = /Mobile Flow PIN host: (\S+)/.exec(output)?.[1];
  if (!url || vite) return;
  vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_MF_SERVER_HOST: url, MF_SERVER_HOST_TOKENS: tokens },
  });
  vite.on('exit', stop);
});
host.on('exit', (code) => {
  if (!vite) console.error(`The server host did not start (exit ${code}).`);
  stop();
});

function stop() {
  vite?.kill('SIGTERM');
  host.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
