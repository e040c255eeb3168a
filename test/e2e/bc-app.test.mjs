// The reference AL app in bc/, checked as far as a machine without an AL compiler or Business Central can check it
// (issue 23): its objects and ids against app.json, the names Business Central allows, permission sets, ApplicationArea
// on every page, control and action, the add-ins on pages of their own, the XLIFF files (every caption, tooltip and
// label there, and translated to Danish), every operation of openapi.json routed by "MFP Contract".Handle, every error
// code of the contract answered with its status, the hmac-sha256 scheme and its key, errors trapped with Codeunit.Run,
// the web service the server host emulates, and manifest.json's permissions. The AL is read with regular expressions
// over its code (comments and strings blanked), not compiled: what only the compiler and a Business Central service can
// say is not said here. MFP_BC_DIR=path points the test at another copy of bc/ (to watch it fail on a broken one).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BC = resolve(ROOT, process.env.MFP_BC_DIR ?? 'bc');
const read = (path) => readFileSync(resolve(ROOT, path), 'utf8');

/** Every .al file under `folder`, with its text. */
function readAlFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((file) => file.endsWith('.al'))
    .sort()
    .map((file) => ({ file: relative(ROOT, join(folder, file)), text: readFileSync(join(folder, file), 'utf8') }));
}

/** `text` with comments and string literals blanked (same length), so that structure is read from code only. */
function mask(text) {
  let out = '';
  for (let i = 0; i < text.length;) {
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const stop = close === -1 ? text.length : close + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (text[i] === "'") {
      let j = i + 1;
      for (; j < text.length; j += 1) {
        if (text[j] === "'" && text[j + 1] === "'") j += 1;
        else if (text[j] === "'") break;
      }
      out += `'${' '.repeat(j - i - 1)}'`;
      i = j + 1;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}

const OBJECT =
  /^(table|tableextension|page|pageextension|codeunit|enum|enumextension|permissionset|permissionsetextension|report|reportextension|query|xmlport|interface|controladdin|profile)\s+(?:(\d+)\s+)?("[^"\n]+"|\w+)(?:\s+extends\s+("[^"\n]+"|\w+))?/gim;

const unquote = (name) => name.trim().replace(/^"(.*)"$/, '$1');

/**
 * The objects of one file: type, id, name, where its body is, and its blocks (every `header { ... }`), each with its
 * header, kind, name, parent and range.
 */
function parseObjects({ file, text }) {
  const code = mask(text);
  const objects = [];
  for (const match of code.matchAll(OBJECT)) {
    if (objects.some((object) => match.index > object.start && match.index < object.end)) continue;
    const open = code.indexOf('{', match.index);
    const object = {
      file,
      type: match[1].toLowerCase(),
      id: match[2] === undefined ? undefined : Number(match[2]),
      name: unquote(match[3]),
      extends: match[4] && unquote(match[4]),
      start: open,
      text,
      code,
      blocks: [],
    };
    const stack = [];
    let end = code.length;
    for (let i = open; i < code.length; i += 1) {
      if (code[i] === '{') {
        const header = code.slice(headerStart(code, i), i).trim();
        const head = /^(\w+)\s*(?:\(([\s\S]*)\))?$/.exec(header) ?? [];
        const block = { header, kind: head[1]?.toLowerCase(), args: head[2] ?? '', start: i, parent: stack.at(-1) };
        if (stack.length) block.parent.children = [...(block.parent.children ?? []), block];
        stack.push(block);
        if (stack.length > 1) object.blocks.push(block);
        else object.root = block;
      } else if (code[i] === '}') {
        const block = stack.pop();
        block.end = i;
        if (!stack.length) {
          end = i;
          break;
        }
      }
    }
    object.end = end;
    for (const block of [object.root, ...object.blocks]) {
      const args = splitArgs(block.args);
      block.name = unquote(
        (object.type === 'table' || object.type === 'tableextension') && block.kind === 'field'
          ? (args[1] ?? '')
          : block.kind === 'value'
            ? (args[1] ?? '')
            : (args[0] ?? ''),
      );
      block.fieldId = block.kind === 'field' && /^\d+$/.test(args[0] ?? '') ? Number(args[0]) : undefined;
      block.ancestors = [];
      for (let up = block.parent; up; up = up.parent) block.ancestors.push(up.kind);
    }
    objects.push(object);
  }
  return objects;
}

/** Where the header of the block opened at `open` starts: after the last ; { or } outside parentheses. */
function headerStart(code, open) {
  let depth = 0;
  for (let i = open - 1; i >= 0; i -= 1) {
    if (code[i] === ')' || code[i] === ']') depth += 1;
    else if (code[i] === '(' || code[i] === '[') depth -= 1;
    else if (depth === 0 && (code[i] === ';' || code[i] === '{' || code[i] === '}')) return i + 1;
  }
  return 0;
}

const splitArgs = (args) => args.split(';').map((arg) => arg.trim());

/** The code of a block that is its own: its text without its children's blocks (original text, same positions). */
function ownText(object, block, source = object.text) {
  let own = '';
  let at = block.start + 1;
  for (const child of block.children ?? []) {
    // A child's header belongs to the child too.
    own += source.slice(at, headerStart(object.code, child.start));
    at = child.end + 1;
  }
  return own + source.slice(at, block.end);
}

/** A property's value in a block's own code (`Name = value;`), or undefined. */
function property(object, block, name) {
  const own = ownText(object, block, object.code);
  const match = new RegExp(`(?:^|[;{\\s])${name}\\s*=\\s*([^;]*);`, 'i').exec(own);
  return match && match[1].trim();
}

const TRANSLATABLE = [
  'Caption',
  'ToolTip',
  'OptionCaption',
  'InstructionalText',
  'AdditionalSearchTerms',
  'AboutTitle',
  'AboutText',
];
const STRING = "'((?:[^']|'')*)'";
const ATTRIBUTES = `((?:\\s*,\\s*(?:Comment|Locked|MaxLength)\\s*=\\s*(?:${STRING}|\\w+))*)`;

const TYPE_NAMES = {
  table: 'Table',
  tableextension: 'TableExtension',
  page: 'Page',
  pageextension: 'PageExtension',
  codeunit: 'Codeunit',
  enum: 'Enum',
  permissionset: 'PermissionSet',
  report: 'Report',
  query: 'Query',
  xmlport: 'XmlPort',
};

/** Where a block's translatable properties go in the XLIFF: its element in the id, as AL's Xliff Generator names it. */
function elementOf(object, block) {
  if (block === object.root) return '';
  if (block.kind === 'field' && (object.type === 'table' || object.type === 'tableextension'))
    return ` - Field ${block.name}`;
  if (block.kind === 'value') return ` - EnumValue ${block.name}`;
  if (block.kind === 'action' || (block.kind === 'group' && block.ancestors.includes('actions')))
    return ` - Action ${block.name}`;
  if (['field', 'group', 'repeater', 'part', 'usercontrol', 'cuegroup', 'grid', 'fixed'].includes(block.kind))
    return ` - Control ${block.name}`;
  return undefined;
}

const unescapeAl = (text) => text.replace(/''/g, "'");
const isLocked = (attributes) => /Locked\s*=\s*true/i.test(attributes ?? '');
const commentOf = (attributes) => {
  const match = new RegExp(`Comment\\s*=\\s*${STRING}`, 'i').exec(attributes ?? '');
  return match ? unescapeAl(match[1]) : '';
};

/**
 * Every text of the AL a translator sees, as AL's TranslationFile feature puts it in the generated XLIFF: each
 * Caption, ToolTip (and the like) of an object, field, control, action or enum value, and each Label, unless Locked.
 * `problems` collects texts that cannot be placed (a translatable Label inside a procedure).
 */
function translationUnits(objects, problems = []) {
  const units = [];
  for (const object of objects) {
    const typeName = TYPE_NAMES[object.type];
    if (!typeName) continue;
    for (const block of [object.root, ...object.blocks]) {
      const element = elementOf(object, block);
      if (element === undefined) continue;
      const own = ownText(object, block);
      const ownCode = ownText(object, block, object.code);
      for (const match of own.matchAll(
        new RegExp(`\\b(${TRANSLATABLE.join('|')})\\s*=\\s*${STRING}${ATTRIBUTES}\\s*;`, 'g'),
      )) {
        // Only a property: its name starts a statement in the code, not in a comment or a string.
        if (ownCode.slice(match.index, match.index + match[1].length) !== match[1]) continue;
        if (isLocked(match[3])) continue;
        units.push({
          id: `${typeName} ${object.name}${element} - Property ${match[1]}`,
          source: unescapeAl(match[2]),
          comment: commentOf(match[3]),
          file: object.file,
          object: `${object.type} "${object.name}"`,
        });
      }
    }
    const body = object.text.slice(object.start, object.end);
    const bodyCode = object.code.slice(object.start, object.end);
    for (const match of body.matchAll(new RegExp(`\\b(\\w+)\\s*:\\s*Label\\s+${STRING}${ATTRIBUTES}\\s*;`, 'g'))) {
      if (bodyCode.slice(match.index, match.index + match[1].length) !== match[1]) continue;
      if (isLocked(match[3])) continue;
      const varAt = [...bodyCode.slice(0, match.index).matchAll(/\bvar\b/gi)].at(-1)?.index ?? 0;
      const beforeVar = bodyCode.slice(0, varAt).trimEnd();
      if (!/[;{}]$/.test(beforeVar)) {
        problems.push(
          `${object.file}, ${object.type} "${object.name}": the Label ${match[1]} is declared inside a procedure or trigger; declare translatable labels in the object's var section`,
        );
        continue;
      }
      units.push({
        id: `${typeName} ${object.name} - NamedType ${match[1]}`,
        source: unescapeAl(match[2]),
        comment: commentOf(match[3]),
        file: object.file,
        object: `${object.type} "${object.name}"`,
      });
    }
  }
  return units;
}

const APP = JSON.parse(readFileSync(join(BC, 'app.json'), 'utf8'));
const FILES = readAlFiles(BC);
const OBJECTS = FILES.flatMap(parseObjects);
const OPENAPI = JSON.parse(read('src/api/openapi.json'));
const MANIFEST = JSON.parse(read('manifest.json'));

const where = (object) => `${object.file}, ${object.type} "${object.name}"`;
const objectsOf = (type) => OBJECTS.filter((object) => object.type === type);
const named = (type, name) => OBJECTS.find((object) => object.type === type && object.name === name);
const codeOf = (object) => object.code.slice(object.start, object.end + 1);
/** A procedure's code (comments and strings blanked), from its header to its last end. */
function procedureCode(object, name) {
  const code = codeOf(object);
  const start = code.search(new RegExp(`\\bprocedure\\s+${name}\\s*\\(`));
  if (start === -1) return undefined;
  const next = code.slice(start + 1).search(/\n\s*(?:\[[^\]]*\]\s*)*(?:local\s+|internal\s+)?procedure\s/);
  return next === -1 ? code.slice(start) : code.slice(start, start + 1 + next);
}
const inRange = (id) => APP.idRanges.some(({ from, to }) => id >= from && id <= to);

test('app.json declares what a Business Central app needs', () => {
  assert.match(
    APP.id ?? '',
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'bc/app.json: id is a GUID',
  );
  for (const field of ['name', 'publisher', 'runtime', 'platform', 'application'])
    assert.ok(APP[field], `bc/app.json: ${field} is missing`);
  assert.match(APP.version ?? '', /^\d+\.\d+\.\d+\.\d+$/, 'bc/app.json: version has four parts');
  assert.ok(Array.isArray(APP.idRanges) && APP.idRanges.length > 0, 'bc/app.json: idRanges is missing');
  for (const { from, to } of APP.idRanges)
    assert.ok(Number.isInteger(from) && Number.isInteger(to) && from <= to, `bc/app.json: idRange ${from}..${to}`);
  for (const feature of ['TranslationFile', 'NoImplicitWith'])
    assert.ok(APP.features?.includes(feature), `bc/app.json: features lacks ${feature}`);
  assert.ok(FILES.length > 0, `no .al files under ${BC}`);
});

test("every object id is inside app.json's idRanges, and used once per object type", () => {
  const seen = new Map();
  for (const object of OBJECTS) {
    if (object.type === 'controladdin' || object.type === 'interface' || object.type === 'profile') continue;
    assert.ok(object.id !== undefined, `${where(object)}: no object id`);
    const ranges = APP.idRanges.map(({ from, to }) => `${from}..${to}`).join(', ');
    assert.ok(inRange(object.id), `${where(object)}: id ${object.id} is outside app.json's idRanges (${ranges})`);
    const key = `${object.type} ${object.id}`;
    assert.ok(!seen.has(key), `${where(object)}: ${key} is also ${seen.get(key)}`);
    seen.set(key, where(object));
  }
  for (const object of objectsOf('tableextension')) {
    const ids = new Set();
    for (const field of object.blocks.filter((block) => block.kind === 'field')) {
      assert.ok(inRange(field.fieldId), `${where(object)}: field ${field.fieldId} "${field.name}" is outside idRanges`);
      assert.ok(!ids.has(field.fieldId), `${where(object)}: field id ${field.fieldId} is used twice`);
      ids.add(field.fieldId);
    }
  }
});

test('object names fit 30 characters, and are used once per object type', () => {
  const seen = new Set();
  for (const object of OBJECTS) {
    assert.ok(object.name.length <= 30, `${where(object)}: the name is ${object.name.length} characters, over 30`);
    const key = `${object.type} ${object.name.toLowerCase()}`;
    assert.ok(!seen.has(key), `${where(object)}: a second ${object.type} of that name`);
    seen.add(key);
    for (const block of object.blocks.filter((block) =>
      ['field', 'action', 'group', 'usercontrol'].includes(block.kind),
    ))
      assert.ok(
        block.name.length <= 30,
        `${where(object)}: ${block.kind} "${block.name}" has a name over 30 characters`,
      );
  }
});

test('every field of every table has a DataClassification', () => {
  for (const object of [...objectsOf('table'), ...objectsOf('tableextension')])
    for (const field of object.blocks.filter((block) => block.kind === 'field'))
      assert.ok(
        property(object, field, 'DataClassification'),
        `${where(object)}: field "${field.name}" has no DataClassification`,
      );
});

test('permission sets are assignable, named in 20 characters at most, and a user reaches the PIN code tables only indirectly', () => {
  const sets = objectsOf('permissionset');
  assert.ok(sets.length > 0, 'the app has no permission set');
  for (const set of sets) {
    assert.ok(set.name.length <= 20, `${where(set)}: the name is ${set.name.length} characters, over 20 (AL0305)`);
    assert.match(property(set, set.root, 'Assignable') ?? '', /^true$/i, `${where(set)}: not Assignable = true`);
    const permissions = property(set, set.root, 'Permissions') ?? '';
    for (const [, kind, quoted, letters] of permissions.matchAll(
      /\b(tabledata|table|page|codeunit|report|query|xmlport)\s+("[^"]+"|\w+)\s*=\s*(\w+)/gi,
    )) {
      const name = unquote(quoted);
      const type = kind.toLowerCase() === 'tabledata' ? 'table' : kind.toLowerCase();
      if (name.startsWith('MFP '))
        assert.ok(named(type, name), `${where(set)}: ${kind} "${name}" is no object of the app`);
      assert.match(letters, /^[RIMDXrimdx]+$/, `${where(set)}: ${kind} "${name}" = ${letters}`);
      // The credential and the Idempotency-Key records: only through the contract's codeunits, never directly.
      if (type === 'table' && ['MFP Credential', 'MFP Idempotency Record'].includes(name))
        assert.equal(letters, letters.toLowerCase(), `${where(set)}: ${name} = ${letters} grants direct access`);
    }
  }
  for (const name of ['MFP Credential', 'MFP Idempotency Record']) {
    const table = named('table', name);
    assert.ok(table, `the table "${name}" is missing`);
    assert.match(property(table, table.root, 'Access') ?? '', /^Internal$/i, `${where(table)}: not Access = Internal`);
    for (const page of [...objectsOf('page'), ...objectsOf('pageextension')])
      assert.notEqual(unquote(property(page, page.root, 'SourceTable') ?? ''), name, `${where(page)}: shows ${name}`);
  }
});

test('ApplicationArea on every page, usercontrol, action and field, and a ToolTip on every action and field', () => {
  for (const page of objectsOf('page'))
    assert.ok(property(page, page.root, 'ApplicationArea'), `${where(page)}: the page has no ApplicationArea`);
  for (const page of [...objectsOf('page'), ...objectsOf('pageextension')]) {
    for (const block of page.blocks.filter((block) => ['usercontrol', 'action', 'field'].includes(block.kind))) {
      assert.ok(
        property(page, block, 'ApplicationArea'),
        `${where(page)}: ${block.kind} "${block.name}" has no ApplicationArea`,
      );
      if (block.kind !== 'usercontrol')
        assert.ok(property(page, block, 'ToolTip'), `${where(page)}: ${block.kind} "${block.name}" has no ToolTip`);
    }
  }
});

test('the add-ins fill pages of their own, opened from a Role Center, and answer through "MFP Contract"', () => {
  const usercontrols = objectsOf('page').flatMap((page) =>
    page.blocks.filter((block) => block.kind === 'usercontrol').map((block) => ({ page, block })),
  );
  const addIns = objectsOf('controladdin');
  assert.deepEqual(
    [...new Set(usercontrols.map(({ block }) => unquote(splitArgs(block.args)[1] ?? '')))].sort(),
    addIns.map((addIn) => addIn.name).sort(),
    'every controladdin is placed on a page',
  );
  for (const { page, block } of usercontrols) {
    const at = `${where(page)}, usercontrol "${block.name}"`;
    assert.match(property(page, page.root, 'PageType') ?? '', /^Card$/i, `${at}: the page is no Card page`);
    const content = block.parent;
    assert.equal(content.kind, 'area', `${at}: not directly in the content area`);
    assert.deepEqual(
      content.children.map((child) => child.kind),
      ['usercontrol'],
      `${at}: not the only content of the page, so Business Central would not stretch it`,
    );
    const addIn = named('controladdin', unquote(splitArgs(block.args)[1] ?? ''));
    assert.ok(addIn, `${at}: no controladdin "${splitArgs(block.args)[1]}"`);
    const events = [...codeOf(addIn).matchAll(/^\s*event\s+(\w+)\(/gm)].map((match) => match[1]);
    const own = ownText(page, block, page.code);
    for (const [, trigger] of own.matchAll(/\btrigger\s+(\w+)\s*\(/g))
      assert.ok(events.includes(trigger), `${at}: trigger ${trigger} is no event of controladdin "${addIn.name}"`);
    assert.match(own, /trigger\s+Ready\(\)[\s\S]*?\.SetLanguage\(/, `${at}: Ready does not call SetLanguage`);
    assert.match(
      own,
      /trigger\s+MobileFlowRequest\(RequestJson:\s*Text\)[\s\S]*?\.MobileFlowResponse\(\s*\w+\.Handle\(RequestJson\)\s*\)/,
      `${at}: MobileFlowRequest is not answered with MobileFlowResponse(Contract.Handle(RequestJson))`,
    );
    const opened = objectsOf('pageextension').some(
      (extension) =>
        /Role Center|RC$/i.test(extension.extends) &&
        extension.blocks.some(
          (action) =>
            action.kind === 'action' &&
            unquote((property(extension, action, 'RunObject') ?? '').replace(/^page\s+/i, '')) === page.name,
        ),
    );
    assert.ok(opened, `${where(page)}: no Role Center action opens it`);
  }
});

/** The trans-units of an XLIFF file: id, source, target (XML entities read). */
function transUnits(path) {
  const xml = readFileSync(path, 'utf8');
  const text = (value) =>
    value
      ?.replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const units = new Map();
  for (const [, id, inner] of xml.matchAll(/<trans-unit\s+id="([^"]*)"[^>]*>([\s\S]*?)<\/trans-unit>/g)) {
    assert.ok(!units.has(text(id)), `${relative(ROOT, path)}: trans-unit "${text(id)}" twice`);
    units.set(text(id), {
      source: text(/<source>([\s\S]*?)<\/source>/.exec(inner)?.[1]),
      target: text(/<target[^>]*>([\s\S]*?)<\/target>/.exec(inner)?.[1]),
    });
  }
  return { xml, units };
}

test('every caption, tooltip and label is in the generated XLIFF, and translated to Danish', () => {
  const problems = [];
  const expected = translationUnits(OBJECTS, problems);
  assert.deepEqual(problems, [], 'labels the XLIFF cannot name');
  const ids = new Set();
  for (const unit of expected) {
    assert.ok(!ids.has(unit.id), `${unit.file}: two texts would be the trans-unit "${unit.id}"`);
    ids.add(unit.id);
  }
  const generatedPath = join(BC, 'Translations', 'MobileFlowPinCodes.g.xlf');
  const danishPath = join(BC, 'Translations', 'MobileFlowPinCodes.da-DK.xlf');
  const generated = transUnits(generatedPath);
  const danish = transUnits(danishPath);
  assert.match(generated.xml, /source-language="en-US"/, 'the generated XLIFF is in en-US');
  assert.match(danish.xml, /target-language="da-DK"/, 'the Danish XLIFF targets da-DK');
  for (const unit of expected) {
    const at = `${unit.file}, ${unit.object}: "${unit.source}"`;
    assert.equal(
      generated.units.get(unit.id)?.source,
      unit.source,
      `${at} is not in MobileFlowPinCodes.g.xlf as "${unit.id}"`,
    );
    const translated = danish.units.get(unit.id);
    assert.equal(translated?.source, unit.source, `${at} is not in MobileFlowPinCodes.da-DK.xlf as "${unit.id}"`);
    assert.ok(translated.target?.trim(), `${at} has no Danish target`);
    const placeholders = (value) => [...value.matchAll(/%\d/g)].map((match) => match[0]).sort();
    assert.deepEqual(
      placeholders(translated.target),
      placeholders(unit.source),
      `${at}: the Danish target's placeholders`,
    );
  }
  for (const [path, file] of [
    [generatedPath, generated],
    [danishPath, danish],
  ])
    for (const id of file.units.keys()) assert.ok(ids.has(id), `${relative(ROOT, path)}: "${id}" is no text of the AL`);
});

const contract = named('codeunit', 'MFP Contract');
const worker = OBJECTS.find(
  (object) => object.type === 'codeunit' && /TableNo\s*=\s*"MFP Envelope Buffer"/.test(codeOf(object)),
);

test('Handle routes every operation of openapi.json, by its method and path', () => {
  assert.ok(worker, 'no codeunit runs the envelope ("MFP Request Worker", TableNo = "MFP Envelope Buffer")');
  const operations = Object.entries(OPENAPI.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map(([method, operation]) => ({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
      })),
  );
  const code = worker.text.slice(worker.start, worker.end);
  const routes = [...code.matchAll(/AddRoute\('(\w+)', '(\w+)', '([^']*)'\)/g)].map(
    ([, id, method, path]) => `${id} ${method} ${path}`,
  );
  assert.deepEqual(
    routes.sort(),
    operations.map(({ id, method, path }) => `${id} ${method} ${path.slice(1)}`).sort(),
    `${where(worker)}: the routes (AddRoute) are not the operations of openapi.json`,
  );
  const dispatch = procedureCode({ ...worker, code: worker.text }, 'Dispatch') ?? '';
  for (const { id } of operations)
    assert.match(
      dispatch,
      new RegExp(`'${id}':\\s*\\n\\s*\\w+\\.\\w+\\(Request, Answer\\);`),
      `${where(worker)}: Dispatch has no unit for ${id}`,
    );
});

test('every error code of the contract is answered, with the status the contract gives it', () => {
  const { enum: codes, 'x-http-status': statuses } = OPENAPI.components.schemas.ErrorCode;
  const errorEnum = named('enum', 'MFP Error Code');
  assert.ok(errorEnum, 'no enum "MFP Error Code"');
  assert.deepEqual(
    errorEnum.blocks.filter((block) => block.kind === 'value').map((block) => block.name),
    codes,
    `${where(errorEnum)}: its values are not openapi.json's ErrorCode enum`,
  );
  const answer = OBJECTS.find((object) => object.type === 'codeunit' && procedureCode(object, 'StatusOf'));
  assert.ok(answer, 'no codeunit maps an error code to its status (StatusOf)');
  const statusOf = procedureCode(answer, 'StatusOf');
  const elsewhere = OBJECTS.filter((object) => object !== errorEnum)
    .map((object) => codeOf(object).replace(statusOf, ''))
    .join('\n');
  for (const code of codes) {
    const mapped = new RegExp(`"MFP Error Code"::"?${code}"?:\\s*exit\\((\\d+)\\)`).exec(statusOf);
    assert.ok(mapped, `${where(answer)}: StatusOf has no status for ${code}`);
    assert.equal(
      Number(mapped[1]),
      statuses[code],
      `${where(answer)}: StatusOf gives ${code} ${mapped[1]}, not ${statuses[code]}`,
    );
    assert.match(
      elsewhere,
      new RegExp(`::"?${code}\\b`),
      `no AL answers ${code} (no use of "MFP Error Code"::${code})`,
    );
  }
});

test('PIN codes are hashed with hmac-sha256, encoded as the other hosts encode it, under a key in IsolatedStorage', () => {
  const all = OBJECTS.map((object) => object.text.slice(object.start, object.end)).join('\n');
  const code = OBJECTS.map(codeOf).join('\n');
  assert.match(all, /'\$hmac-sha256\$'/, "no AL names the scheme '$hmac-sha256$'");
  assert.match(
    code,
    /GenerateBase64KeyedHashAsBase64String\([^;]*HMACSHA256[^;]*\)/,
    'no hmac is computed with GenerateBase64KeyedHashAsBase64String and HMACSHA256',
  );
  assert.match(all, /Salt \+ '\$' \+ PinCode/, "the mac is not taken of '<salt>$<pinCode>'");
  assert.match(
    all,
    /DelChr\([^;]*GenerateBase64KeyedHashAsBase64String[^;]*'>', '='\)/,
    'the mac is not unpadded base64',
  );
  assert.match(
    code,
    /IsolatedStorage\.Get\([^;]*DataScope::Module[^;]*\)/,
    'the key is not read from IsolatedStorage with DataScope::Module',
  );
  assert.match(
    code,
    /IsolatedStorage\.(?:SetEncrypted|Set)\([^;]*DataScope::Module[^;]*\)/,
    'the key is not kept in IsolatedStorage with DataScope::Module',
  );
  assert.match(all, /argon2id/i, 'no AL says what happens to an argon2id hash');
});

test('Handle traps every AL error with Codeunit.Run and answers Internal_ServerError', () => {
  assert.ok(contract, 'no codeunit "MFP Contract"');
  assert.match(property(contract, contract.root, 'Access') ?? 'Public', /^Public$/i, `${where(contract)}: not public`);
  const handle = procedureCode(contract, 'Handle');
  assert.ok(handle, `${where(contract)}: no procedure Handle`);
  assert.match(
    handle,
    /^procedure Handle\(RequestJson: Text\): Text/,
    `${where(contract)}: Handle is not Handle(RequestJson: Text): Text`,
  );
  assert.match(
    handle,
    /\bif\s+(?:\w+\.Run|Codeunit\.Run)\(/,
    `${where(contract)}: Handle does not run the request with if ... Run(...)`,
  );
  assert.match(
    handle,
    /Internal_ServerError/,
    `${where(contract)}: Handle does not answer a failed run with Internal_ServerError`,
  );
  assert.match(
    handle,
    /GetLastErrorText\(\)/,
    `${where(contract)}: Handle does not say which AL error failed the request`,
  );
});

test('"MFP Contract" is published as the web service the server host emulates', () => {
  const endpoint = /ENVELOPE_ENDPOINT = '\/ODataV4\/(\w+)_(\w+)'/.exec(read('src/host/envelope-endpoint.ts'));
  assert.ok(endpoint, 'src/host/envelope-endpoint.ts: no ENVELOPE_ENDPOINT');
  const [, service, procedure] = endpoint;
  assert.ok(procedureCode(contract, procedure), `${where(contract)}: no procedure ${procedure}`);
  const install = OBJECTS.find((object) => object.type === 'codeunit' && /Subtype\s*=\s*Install/i.test(codeOf(object)));
  assert.ok(install, 'no install codeunit');
  const text = install.text.slice(install.start, install.end);
  const publish = /CreateTenantWebService\([^;]*Codeunit::"MFP Contract",\s*(\w+)/.exec(text);
  assert.ok(publish, `${where(install)}: does not publish codeunit "MFP Contract" (CreateTenantWebService)`);
  assert.match(
    text,
    new RegExp(`${publish[1]}: Label '${service}'`),
    `${where(install)}: the service is not named ${service}`,
  );
});

test("each action locks the user's setup first, then the Resource card, the credential and the device", () => {
  const runner = named('codeunit', 'MFP Action Runner');
  assert.ok(runner, 'no codeunit "MFP Action Runner"');
  const act = procedureCode(runner, 'Act') ?? '';
  const order = [
    /UserSetup\.ReadIsolation := IsolationLevel::UpdLock;\s*if not UserSetup\.GetBySystemId/,
    /LockResource\(/,
    /LockCredential\(/,
    /LockDevice\(/,
    /Decide\(/,
  ].map((pattern) => act.search(pattern));
  assert.ok(
    order.every((at) => at >= 0),
    `${where(runner)}: Act does not lock and decide (${order})`,
  );
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    `${where(runner)}: Act locks in another order`,
  );
});

test("manifest.json's permissions fit Business Central's 20 characters and name a permission set of the app", () => {
  const sets = objectsOf('permissionset').map((set) => set.name);
  const names = [
    ...MANIFEST.customElements.map((element) => element.permission).filter(Boolean),
    ...MANIFEST.permissions.map((permission) => permission.id),
  ];
  assert.ok(names.length > 0, 'manifest.json names no permission');
  for (const name of names) {
    assert.ok(name.length <= 20, `manifest.json: the permission "${name}" is over 20 characters`);
    assert.ok(
      sets.includes(name),
      `manifest.json: the permission "${name}" is no permission set in ${relative(ROOT, BC)}`,
    );
  }
  for (const element of MANIFEST.customElements)
    assert.ok(
      existsSync(resolve(ROOT, element.controlAddIn.object)),
      `manifest.json: ${element.controlAddIn.object} is missing`,
    );
});
