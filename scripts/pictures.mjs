// `npm run pictures`: the README's pictures, taken by the end-to-end test that leaves the page as the picture shows it
// (docs/demo.png: the setup page after a user replaced a temporary code). `npm test` runs the same test and writes
// nothing, so a test run never leaves the work tree changed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  process.execPath,
  ['--test', '--test-name-pattern=an administrator hands out a temporary code', 'test/e2e/demo.e2e.test.mjs'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, README_PICTURES: `${root}/docs` } },
);
if (result.status === 0) console.log('docs/demo.png taken.');
process.exit(result.status ?? 1);
