// `npm run translations`: brings src/elements/locales/ up to date with the messages in the elements (lit-localize
// extract: new messages appear in da.xlf without a <target>), then writes da.ts from da.xlf (lit-localize build).
// `--check` (in `npm run check`) does the same in a scratch folder and fails when a message has no Danish
// translation, or when da.xlf or da.ts is not what the elements and the translations give.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const committed = join(root, config.output.outputDir);
const check = process.argv.includes('--check');

/** Runs a lit-localize command; its output, or a thrown error when it fails. */
function litLocalize(configPath, command) {
  const cli = join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js');
  const run = spawnSync(process.execPath, [cli, command, '--config', configPath], { cwd: root, encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`lit-localize ${command} failed:\n${output}`);
  return output;
}

let configPath = join(root, 'lit-localize.json');
let folder = committed;
if (check) {
  folder = join(root, 'node_modules/.cache/mobile-flow-pin-translations');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const locale of config.targetLocales)
    copyFileSync(join(committed, `${locale}.xlf`), join(folder, `${locale}.xlf`));
  // The tool resolves paths from its config file's folder: the scratch config sits beside lit-localize.json.
  configPath = join(root, '.lit-localize.check.json');
  const scratch = {
    ...config,
    output: { ...config.output, outputDir: folder },
    interchange: { ...config.interchange, xliffDir: folder },
  };
  writeFileSync(configPath, JSON.stringify(scratch));
}

const problems = [];
try {
  litLocalize(configPath, 'extract');
  // lit-localize build would carry on with the English text of a message that has no translation: name each one.
  for (const locale of config.targetLocales) {
    for (const [unit] of readFileSync(join(folder, `${locale}.xlf`), 'utf8').matchAll(
      /<trans-unit[\s\S]*?<\/trans-unit>/g,
    )) {
      if (!unit.includes('<target>'))
        problems.push(`No ${locale} translation for: ${unit.match(/<source>([\s\S]*?)<\/source>/)[1]}`);
    }
  }
  litLocalize(configPath, 'build');
} finally {
  if (check) rmSync(configPath, { force: true });
}

if (check) {
  for (const locale of config.targetLocales) {
    for (const file of [`${locale}.xlf`, `${locale}.ts`]) {
      if (readFileSync(join(folder, file), 'utf8') !== readFileSync(join(committed, file), 'utf8')) {
        problems.push(
          `${config.output.outputDir}/${file} is not up to date with the elements' messages: run npm run translations.`,
        );
      }
    }
  }
}
for (const problem of problems) console.error(problem);
if (problems.length) {
  console.error(
    `${problems.length} translation problem(s). Messages without a <target> in ${config.interchange.xliffDir}/*.xlf need one.`,
  );
  process.exit(1);
}
console.log(
  check
    ? 'Translations: every message has its Danish text, and da.ts is current.'
    : `Translations written to ${config.output.outputDir}.`,
);
