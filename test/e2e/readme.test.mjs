// What the README promises a reader can find: every method of the typed client, and no document outside the
// repository (the promises and budgets it cites are docs/promises.md).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');

test('the README names every method of the typed client', () => {
  const client = read('src/api/client.ts');
  const body = client.slice(client.indexOf('export interface MobileFlowClient {'));
  const methods = [...body.slice(0, body.indexOf('\n}')).matchAll(/^ {2}(\w+)\(/gm)].map(([, name]) => name);
  assert.ok(methods.length >= 10, `methods found: ${methods}`);
  const missing = methods.filter((name) => !readme.includes(`\`${name}(`));
  assert.deepEqual(missing, [], 'methods of MobileFlowClient the README does not name');
});

test('the README cites only files the repository holds', () => {
  assert.doesNotMatch(readme, /PRODUCT\.md|HOST-INTEGRATION\.md|\.\.\/shared\//);
  for (const [, path] of readme.matchAll(/\]\(((?:docs|src|test|scripts|bc)\/[^)#]+)\)/g))
    assert.ok(existsSync(new URL(`../../${path}`, import.meta.url)), `${path} is cited but missing`);
  assert.ok(existsSync(new URL('../../docs/promises.md', import.meta.url)));
});
