// The production bundle (built by `npm run build` before the tests) holds nothing of the mock host, MSW or hash-wasm.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { MOCK_HOST_TRACES } from '../../scripts/mock-host-traces.mjs';

test('the production bundle has no trace of the mock host, MSW or hash-wasm, and runs Lit in production mode', async () => {
  // The entry and its chunk of Danish words, loaded on demand.
  const folder = new URL('../../dist/lib/', import.meta.url);
  const files = (await readdir(folder)).filter((file) => file.endsWith('.js'));
  assert.ok(
    files.includes('mobile-flow-pin.js') && files.some((file) => file.startsWith('da-')),
    `entry and Danish chunk: ${files}`,
  );
  const bundle = (await Promise.all(files.map((file) => readFile(new URL(file, folder), 'utf8')))).join('\n');
  for (const trace of MOCK_HOST_TRACES) {
    assert.ok(!bundle.includes(trace), `the bundle mentions ${trace}`);
  }
  assert.ok(!bundle.includes('Lit is in dev mode'), 'Lit is in production mode');
  assert.ok(
    bundle.includes('mf-change-pin-dialog') && bundle.includes('mf-user-setup-table'),
    'both elements are in it',
  );
  // The main entry's types are both placements' (which export the elements) and more.
  const types = (name) => readFile(new URL(`../../dist/types/${name}.d.ts`, import.meta.url), 'utf8');
  for (const [placement, element] of [
    ['change-pin-dialog', 'mf-change-pin-dialog'],
    ['user-setup-table', 'mf-user-setup-table'],
  ]) {
    assert.match(await types('index'), new RegExp(`export \\* from '\\./${placement}\\.js'`));
    assert.match(await types(placement), new RegExp(`export \\* from '\\./elements/${element}/${element}\\.js'`));
  }
});
