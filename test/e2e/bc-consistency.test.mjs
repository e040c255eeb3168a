// The AL side and the add-in scripts agree: every event an add-in raises is declared on its controladdin object and
// every declared event is raised; every procedure AL may call is defined by the script; every file the object names is
// built (dist/bc/NAME, by `npm run build`). Business Central would only say so at run time, in a customer's browser.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const ADD_INS = [
  { object: 'bc/ChangePinCode.ControlAddIn.al', source: 'src/bc/change-pin-code.ts', folder: 'ChangePinCode' },
  { object: 'bc/UserSetup.ControlAddIn.al', source: 'src/bc/user-setup.ts', folder: 'UserSetup' },
];
/** What every add-in raises and defines, whatever its element: src/bc/add-in.ts and the bridge. */
const SHARED = read('src/bc/add-in.ts');
const BRIDGE = read('src/api/control-add-in-fetch.ts');

const namesOf = (al, kind) =>
  [...al.matchAll(new RegExp(`^\\s*${kind}\\s+(\\w+)\\(`, 'gm'))].map((match) => match[1]).sort();

for (const { object, source, folder } of ADD_INS) {
  test(`${object} and ${source} agree`, () => {
    const al = read(object);
    const script = read(source);
    // Raised: the element's events (the `events` map), Ready (add-in.ts) and the bridge's request event.
    const raised = [
      ...[...script.matchAll(/'[\w-]+':\s*'(\w+)'/g)].map((match) => match[1]),
      ...[...SHARED.matchAll(/InvokeExtensibilityMethod\('(\w+)'/g)].map((match) => match[1]),
      /requestEvent = '(\w+)'/.exec(BRIDGE)[1],
    ].sort();
    assert.deepEqual(namesOf(al, 'event'), raised, 'events declared in AL = events the add-in raises');
    const defined = [...SHARED.matchAll(/window\.(\w+) =/g)].map((match) => match[1]).sort();
    assert.deepEqual(namesOf(al, 'procedure'), defined, 'procedures declared in AL = the functions the script defines');

    const built = new URL(`../../dist/bc/${folder}/`, import.meta.url);
    for (const [, property, list] of al.matchAll(/(Scripts|StartupScript|StyleSheets)\s*=\s*([^;]+);/g)) {
      for (const [, file] of list.matchAll(/'([^']+)'/g)) {
        assert.ok(file.startsWith(`${folder}/`), `${property} ${file} is in the add-in's folder`);
        assert.ok(existsSync(new URL(file.slice(folder.length + 1), built)), `${property} ${file} is built`);
      }
    }
    const builtScript = readFileSync(new URL('script.js', built), 'utf8');
    for (const name of defined) assert.ok(builtScript.includes(`.${name}=`), `the built script defines ${name}`);
    assert.ok(!/\bimport\s*[({"']/.test(builtScript) && !/\bexport\s*[{*]/.test(builtScript), 'a classic script');
  });
}

test("manifest.json's placements point at built modules and add-ins", () => {
  const manifest = JSON.parse(read('manifest.json'));
  for (const element of manifest.customElements) {
    const at = (path) => new URL(`../../${path.replace(/^\.\//, '')}`, import.meta.url);
    assert.ok(existsSync(at(element.module)), `${element.tagName}: ${element.module} is built`);
    assert.match(
      read(element.module.replace(/^\.\//, '')),
      new RegExp(element.tagName),
      `${element.module} defines it`,
    );
    assert.ok(existsSync(at(`${element.controlAddIn.folder}/script.js`)), `${element.tagName}: its add-in is built`);
    assert.ok(existsSync(at(element.controlAddIn.object)), `${element.tagName}: ${element.controlAddIn.object}`);
  }
});
