// A new, empty PGlite data directory for a test, as a copy of one PGlite made once. PGlite makes a data directory by
// running initdb in WebAssembly, seconds of CPU each time; a copy takes a tenth of that. npm test names one template for
// all its Node test files (MF_TEST_PGLITE_TEMPLATE, made by the first file that needs it); a file run alone makes its
// own. The newcomer's first `npm run host` (host-command.test.mjs) still starts on a folder that does not exist yet.
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where npm test keeps the run's one template (scripts/test.mjs): a path in its temporary folder. */
export const TEMPLATE_VARIABLE = 'MF_TEST_PGLITE_TEMPLATE';

let template;

/** The template's path: the run's, when another file made it already; else one made now. */
async function makeTemplate() {
  const shared = process.env[TEMPLATE_VARIABLE];
  if (shared && existsSync(shared)) return shared;
  const folder = mkdtempSync(join(tmpdir(), 'mobile-flow-pin-pglite-template-'));
  const made = join(folder, 'data');
  // Imported here, not above: npm test reads TEMPLATE_VARIABLE before it builds dist/.
  const { openSqlDatabase } = await import('../../dist/server/index.js');
  await (await openSqlDatabase(made)).close();
  if (shared) {
    // Two files may make one at once: the first rename wins (a rename is atomic), and the other uses it.
    try {
      renameSync(made, shared);
    } catch (error) {
      if (!existsSync(shared)) throw error;
    }
    rmSync(folder, { recursive: true, force: true });
    return shared;
  }
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return made;
}

/** Fills `path` (a folder that does not exist yet) with a new, empty PGlite data directory; gives back `path`. */
export async function freshPgliteFolder(path) {
  template ??= makeTemplate();
  cpSync(await template, path, { recursive: true });
  return path;
}
