// Writes each element's API table into README.md from custom-elements.json (itself generated from the JSDoc
// headers), between `<!-- api:TAG -->` and `<!-- /api -->`, so the README never tells a second story.
// `--check` fails when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const readmeUrl = new URL('../README.md', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));
const cell = (text = '') => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function table(element) {
  const rows = [
    ...(element.attributes ?? []).map((attribute) => [`attribute \`${attribute.name}\``, attribute.description]),
    ...(element.members ?? [])
      .filter((member) => member.kind === 'method' && !member.privacy && !member.static)
      .map((method) => [`method \`${method.name}()\``, method.description]),
    ...(element.events ?? []).map((event) => [`event \`${event.name}\``, event.description]),
    ...(element.cssParts ?? []).map((part) => [`part \`${part.name}\``, part.description]),
    ...(element.cssProperties ?? []).map((property) => [`custom property \`${property.name}\``, property.description]),
  ];
  return [
    '| API | what it is |',
    '| --- | --- |',
    ...rows.map(([name, description]) => `| ${name} | ${cell(description)} |`),
  ].join('\n');
}

let readme = readFileSync(readmeUrl, 'utf8');
const original = readme;
for (const module of manifest.modules) {
  for (const element of (module.declarations ?? []).filter((declaration) => declaration.customElement)) {
    const pattern = new RegExp(`(<!-- api:${element.tagName} -->)\\n(?:(?!<!-- )[\\s\\S])*?(<!-- /api -->)`);
    if (!pattern.test(readme))
      throw new Error(`README.md has no <!-- api:${element.tagName} --> … <!-- /api --> block.`);
    readme = readme.replace(pattern, (_, start, end) => `${start}\n${table(element)}\n${end}`);
  }
}
if (process.argv.includes('--check')) {
  if (readme !== original) {
    console.error('README.md: the element API tables are out of date with custom-elements.json: run `npm run readme`.');
    process.exit(1);
  }
} else if (readme !== original) {
  writeFileSync(readmeUrl, readme);
  console.log('README.md: element API tables written.');
}
