// `npm run build`'s type declarations: tsc writes them to dist/types afresh, so no stale file ships. Then the mock's
// are made to resolve in an integrator's project, which has none of the packages the mock bundles (vite.config.ts says
// why it bundles them): the contract goes where the host's declarations read its schema names from, and idb's own
// declarations, whose types the mock's store is made of, go beside the mock's.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const types = new URL('../dist/types/', import.meta.url);
rmSync(types, { recursive: true, force: true });
const tsc = new URL('../node_modules/typescript/bin/tsc', import.meta.url);
execFileSync(process.execPath, [fileURLToPath(tsc), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url),
});

copyFileSync(new URL('../src/api/openapi.json', import.meta.url), new URL('api/openapi.json', types));

const idb = new URL('../node_modules/idb/', import.meta.url);
const mockTypes = new URL('mock/', types);
mkdirSync(new URL('idb/', mockTypes));
for (const file of readdirSync(new URL('build/', idb)).filter((name) => name.endsWith('.d.ts')))
  copyFileSync(new URL(`build/${file}`, idb), new URL(`idb/${file}`, mockTypes));
copyFileSync(new URL('LICENSE', idb), new URL('idb/LICENSE', mockTypes));
for (const file of readdirSync(mockTypes).filter((name) => name.endsWith('.d.ts'))) {
  const path = new URL(file, mockTypes);
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll(/(from\s+)'idb'/g, "$1'./idb/index.js'"));
}

// tsc writes a JSON import's declaration without its import attribute, which `module: nodenext` requires.
const validation = new URL('host/contract-validation.d.ts', types);
writeFileSync(
  validation,
  readFileSync(validation, 'utf8').replace(/(import \w+ from '[^']+\.json')(?! with);/g, "$1 with { type: 'json' };"),
);
