// `npm run size`: the production bundle's gzip size against its budget, and proof that nothing of the mock host is in
// it. What a page loads at start (the entry and the chunks it imports statically) counts against the budget; a chunk
// loaded on demand (the Danish words) is listed on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 16 * 1024;
const folder = new URL('../dist/lib/', import.meta.url);
const ENTRY = 'mobile-flow-pin.js';
const read = (file) => readFileSync(new URL(file, folder), 'utf8');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The entry and every chunk it reaches through static imports: `import … from "./x.js"` or `import "./x.js"`. */
const atStart = new Set([ENTRY]);
for (const file of atStart) {
  for (const [, imported] of read(file).matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+)["'`]/g))
    atStart.add(imported);
}
// `mobile-flow-pin/client`, the package's entry without a DOM, shares the folder; a page with the elements never loads it.
const CLIENT = 'client.js';
const onDemand = readdirSync(folder).filter((file) => file.endsWith('.js') && !atStart.has(file) && file !== CLIENT);
const contents = new Map([...atStart, ...onDemand, CLIENT].map((file) => [file, read(file)]));
const gzip = (file) => gzipSync(contents.get(file), { level: 9 }).length;

let total = 0;
for (const file of atStart) {
  const size = gzip(file);
  total += size;
  console.log(`  ${file}: gzip ${kb(size)}`);
}
console.log(`Loaded at start: gzip ${kb(total)} (budget ${kb(BUDGET_BYTES)})`);
for (const file of onDemand) console.log(`Loaded on demand: ${file}, gzip ${kb(gzip(file))}`);
console.log(`Not loaded by the elements: ${CLIENT} (mobile-flow-pin/client), gzip ${kb(gzip(CLIENT))}`);

// Words that only the mock host, MSW or hash-wasm would bring.
const traces = [
  'mockServiceWorker',
  'setupWorker',
  'msw',
  'hash-wasm',
  'argon2',
  'indexedDB',
  'IDBKeyRange',
  'startMockHost',
];
const found = [...contents].flatMap(([file, content]) =>
  traces.filter((word) => content.includes(word)).map((word) => `${word} (${file})`),
);
if (found.length) console.error(`The bundle holds traces of the mock host: ${found.join(', ')}.`);
if (total > BUDGET_BYTES) console.error(`Over budget by ${kb(total - BUDGET_BYTES)}.`);
process.exit(found.length || total > BUDGET_BYTES ? 1 : 0);
