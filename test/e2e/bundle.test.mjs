// The production builds (made by `npm run build` before the tests) hold nothing of the mock host, MSW or hash-wasm;
// dist/lib imports Lit by its bare names, dist/cdn carries it.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { MOCK_HOST_TRACES } from '../../scripts/mock-host-traces.mjs';

/** Every module of a build folder, as one text. */
async function build(name) {
  const folder = new URL(`../../dist/${name}/`, import.meta.url);
  const files = (await readdir(folder)).filter((file) => file.endsWith('.js'));
  assert.ok(
    files.includes('mobile-flow-pin.js') && files.some((file) => file.startsWith('da-')),
    `entry and Danish chunk in dist/${name}: ${files}`,
  );
  return (await Promise.all(files.map((file) => readFile(new URL(file, folder), 'utf8')))).join('\n');
}

test('the production builds have no trace of the mock host, MSW or hash-wasm; lib imports Lit, cdn holds it in production mode', async () => {
  const [lib, cdn] = [await build('lib'), await build('cdn')];
  for (const [name, bundle] of Object.entries({ lib, cdn })) {
    for (const trace of MOCK_HOST_TRACES) assert.ok(!bundle.includes(trace), `dist/${name} mentions ${trace}`);
    assert.ok(
      bundle.includes('mf-change-pin-dialog') && bundle.includes('mf-user-setup-table'),
      `both elements are in dist/${name}`,
    );
  }
  // dist/lib leaves Lit to the app's bundler: one copy of Lit in an app that has its own. dist/cdn carries it.
  for (const name of ['lit', 'lit/decorators.js', '@lit/context', '@lit/localize', '@lit/task'])
    assert.ok(lib.includes(`from"${name}"`), `dist/lib imports ${name} by its bare name`);
  assert.ok(!lib.includes('litHtmlVersions'), 'dist/lib holds no copy of Lit');
  assert.ok(
    cdn.includes('litHtmlVersions') && !/from"(@lit\/|lit)/.test(cdn),
    'dist/cdn holds Lit and imports nothing',
  );
  assert.ok(!cdn.includes('Lit is in dev mode'), 'Lit is in production mode');
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
