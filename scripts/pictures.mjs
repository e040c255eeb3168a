// `npm run pictures`: the README's pictures, taken by the end-to-end tests that leave the page as each picture shows it:
// docs/demo.png (the setup page after a user replaced a temporary code, 1280 px wide), and on touch screens
// docs/phone-en.png and docs/phone-da.png (a user's Change PIN Code dialog, 360 px) and docs/tablet-en.png and
// docs/tablet-da.png (the administrator's setup page, 768 px). `npm test` runs the same tests and writes nothing, so a
// test run never leaves the work tree changed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tests = [
  'an administrator hands out a temporary code',
  'on touch screens 320, 360 and 768 px wide, in English and Danish, nothing on the demo is wider than the screen',
];
const result = spawnSync(
  process.execPath,
  ['--test', ...tests.map((name) => `--test-name-pattern=${name}`), 'test/e2e/demo.e2e.test.mjs'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, README_PICTURES: `${root}/docs` } },
);
if (result.status === 0)
  console.log('Taken: docs/demo.png, docs/phone-en.png, docs/phone-da.png, docs/tablet-en.png, docs/tablet-da.png.');
process.exit(result.status ?? 1);
