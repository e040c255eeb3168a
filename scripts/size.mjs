// `npm run size`: the production bundle's gzip size against its budget, and proof that nothing of the mock host is in it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 16 * 1024;
const bundle = readFileSync(new URL('../dist/lib/mobile-flow-pin.js', import.meta.url));
const gzipped = gzipSync(bundle, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
// Words that only the mock host, MSW or hash-wasm would bring.
const traces = ['mockServiceWorker', 'setupWorker', 'msw', 'hash-wasm', 'argon2', 'indexedDB', 'IDBKeyRange', 'startMockHost'].filter((word) =>
  bundle.includes(word),
);
console.log(`dist/lib/mobile-flow-pin.js: ${kb(bundle.length)}, gzip ${kb(gzipped)} (budget ${kb(BUDGET_BYTES)})`);
if (traces.length) console.error(`The bundle holds traces of the mock host: ${traces.join(', ')}.`);
if (gzipped > BUDGET_BYTES) console.error(`Over budget by ${kb(gzipped - BUDGET_BYTES)}.`);
process.exit(traces.length || gzipped > BUDGET_BYTES ? 1 : 0);
