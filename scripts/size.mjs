// `npm run size`: what each placement loads, gzip, with Lit (dist/cdn, against its budget: docs/promises.md, the
// budgets) and without (dist/lib, its own code), and proof that nothing of the mock host is in any shipped bundle. A placement's entry counts with every chunk it imports statically; a chunk loaded
// on demand (the Danish words) is listed on its own. The Business Central add-ins' classic scripts are listed beside.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { MOCK_HOST_TRACES } from './mock-host-traces.mjs';

const lib = new URL('../dist/lib/', import.meta.url);
const cdn = new URL('../dist/cdn/', import.meta.url);
const PLACEMENTS = [
  { entry: 'change-pin-dialog.js', page: 'overview (Change PIN Code)', budget: 16 * 1024 },
  { entry: 'user-setup-table.js', page: 'setup page (user setup table)', budget: 21 * 1024 },
];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const read = (url) => readFileSync(url, 'utf8');
const gzip = (text) => gzipSync(text, { level: 9 }).length;

/** The entry and every chunk it reaches through static imports: `import … from "./x.js"` or `import "./x.js"`. */
function atStart(entry, folder = lib) {
  const files = new Set([entry]);
  for (const file of files) {
    for (const [, imported] of read(new URL(file, folder)).matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+)["'`]/g))
      files.add(imported);
  }
  return files;
}
const sizeAtStart = (entry, folder) =>
  [...atStart(entry, folder)].reduce((sum, file) => sum + gzip(read(new URL(file, folder))), 0);

// Each placement both ways: dist/cdn with Lit inside, what a page without Lit loads (the budget is for it), and
// dist/lib, the placement's own code, what a page whose app already bundles Lit adds.
let over = false;
const loadedAtStart = new Set();
for (const { entry, page, budget } of PLACEMENTS) {
  atStart(entry).forEach((file) => loadedAtStart.add(file));
  const withLit = sizeAtStart(entry, cdn);
  over ||= withLit > budget;
  console.log(
    `${page}: ${entry} and its chunks, gzip ${kb(withLit)} with Lit (dist/cdn; budget ${kb(budget)})` +
      `${withLit > budget ? ' — OVER' : ''}, ${kb(sizeAtStart(entry, lib))} of its own (dist/lib, Lit from the app)`,
  );
}
const whole = atStart('mobile-flow-pin.js');
console.log(
  `the whole package (both elements, mobile-flow-pin.js): gzip ${kb(sizeAtStart('mobile-flow-pin.js', cdn))} with Lit, ` +
    `${kb(sizeAtStart('mobile-flow-pin.js', lib))} of its own`,
);
const files = readdirSync(lib).filter((file) => file.endsWith('.js'));
for (const file of files.filter((file) => !whole.has(file) && !loadedAtStart.has(file) && file !== 'client.js'))
  console.log(`loaded on demand: ${file}, gzip ${kb(gzip(read(new URL(file, lib))))}`);
console.log(
  `mobile-flow-pin/client (no DOM, not loaded by the elements): gzip ${kb(gzip(read(new URL('client.js', lib))))}`,
);
const addIns = ['ChangePinCode', 'UserSetup'].map((name) => new URL(`../dist/bc/${name}/script.js`, import.meta.url));
for (const script of addIns.filter((url) => existsSync(url)))
  console.log(
    `Business Central add-in ${script.pathname.split('/').at(-2)}/script.js (Danish inline): gzip ${kb(gzip(read(script)))}`,
  );

const shipped = [
  ...files.map((file) => new URL(file, lib)),
  ...readdirSync(cdn).map((file) => new URL(file, cdn)),
  ...addIns.filter((url) => existsSync(url)),
];
const found = shipped.flatMap((url) =>
  MOCK_HOST_TRACES.filter((word) => read(url).includes(word)).map(
    (word) => `${word} (${url.pathname.split('/dist/')[1]})`,
  ),
);
if (found.length) console.error(`A bundle holds traces of the mock host: ${found.join(', ')}.`);
if (over) console.error('A placement is over its budget.');
process.exit(found.length || over ? 1 : 0);
