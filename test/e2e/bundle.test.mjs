// The production bundle (built by `npm run build` before the tests) holds nothing of the mock host, MSW or hash-wasm.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

test('the production bundle has no trace of the mock host, MSW or hash-wasm, and runs Lit in production mode', async () => {
  const bundle = await readFile(new URL('../../dist/lib/mobile-flow-pin.js', import.meta.url), 'utf8');
  for (const trace of ['mockServiceWorker', 'setupWorker', 'msw', 'hash-wasm', 'argon2', 'indexedDB', 'IDBKeyRange', 'startMockHost']) {
    assert.ok(!bundle.includes(trace), `the bundle mentions ${trace}`);
  }
  assert.ok(!bundle.includes('Lit is in dev mode'), 'Lit is in production mode');
  assert.ok(bundle.includes('mf-change-pin-dialog') && bundle.includes('mf-user-setup-table'), 'both elements are in it');
  const types = await readFile(new URL('../../dist/types/index.d.ts', import.meta.url), 'utf8');
  assert.match(types, /mf-change-pin-dialog/);
});
