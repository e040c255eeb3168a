// `npm run analyze` writes custom-elements.json with its modules in the order the analyzer met the files, which is not
// the same from run to run: sorted by path, the file is the same for the same source, and `npm test` leaves the tree
// clean.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../custom-elements.json', import.meta.url);
const manifest = JSON.parse(readFileSync(file, 'utf8'));
manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
