// Derives the TypeScript types and constants of the host contract from src/api/openapi.json, so the client, the
// mock host and the elements follow the one document. `--check` fails when the generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const documentPath = fileURLToPath(new URL('src/api/openapi.json', root));
const outputPath = fileURLToPath(new URL('src/domain/contract.generated.ts', root));
const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const schemas = document.components.schemas;

const propertyKey = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const docComment = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '* /')} */\n` : '');

function typeOf(schema, indent) {
  if (schema.$ref) return schema.$ref.replace('#/components/schemas/', '');
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map((member) => typeOf(member, indent)).join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.map((type) => primitive(type, schema, indent)).join(' | ');
}

function primitive(type, schema, indent) {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${typeOf(schema.items, indent)}>`;
    case 'object':
      return objectBody(schema, indent);
    default:
      throw new Error(`openapi.json: a schema without a type this generator knows: ${JSON.stringify(schema)}`);
  }
}

function objectBody(schema, indent) {
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `${docComment(property.description, inner)}${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const out = [
  '// Generated from src/api/openapi.json by scripts/generate-contract-types.mjs. Do not edit: run `npm run generate`.',
  '',
];
for (const [name, schema] of Object.entries(schemas)) {
  if (schema.description) out.push(docComment(schema.description, '').trimEnd());
  const isObject = schema.type === 'object' && !schema.oneOf;
  out.push(
    isObject ? `export interface ${name} ${objectBody(schema, '')}` : `export type ${name} = ${typeOf(schema, '')};`,
  );
  out.push('');
}

const constant = (name, doc, value) =>
  out.push(`/** ${doc} */`, `export const ${name} = ${JSON.stringify(value, null, 2)} as const;`, '');
constant('ERROR_CODES', 'Every error code of the contract.', schemas.ErrorCode.enum);
constant('ERROR_HTTP_STATUS', 'The HTTP status that goes with each error code.', schemas.ErrorCode['x-http-status']);
constant('PIN_RULES', 'Every rule of the PIN policy.', schemas.PinRule.enum);
constant('PIN_CODE_STATUSES', 'Every PIN code status.', schemas.PinCodeStatus.enum);
const policy = schemas.PinPolicy.properties;
constant(
  'DEFAULT_PIN_POLICY',
  'The PIN policy a host uses when it sets nothing else.',
  Object.fromEntries(Object.entries(policy).map(([name, property]) => [name, property.default])),
);
constant(
  'PIN_POLICY_LIMITS',
  'The allowed range of each numeric PIN policy field.',
  Object.fromEntries(
    Object.entries(policy)
      .filter(([, property]) => property.type === 'integer')
      .map(([name, property]) => [name, { minimum: property.minimum, maximum: property.maximum }]),
  ),
);
const operations = [];
for (const [path, item] of Object.entries(document.paths)) {
  for (const method of ['get', 'post', 'patch', 'put', 'delete']) {
    const operation = item[method];
    if (!operation) continue;
    const success = operation.responses['200'].content['application/json'].schema.$ref.replace(
      '#/components/schemas/',
      '',
    );
    const requestBody = operation.requestBody;
    operations.push({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      ...(requestBody && {
        requestSchema: requestBody.content['application/json'].schema.$ref.replace('#/components/schemas/', ''),
        requestBodyRequired: requestBody.required === true,
      }),
      acceptsIdempotencyKey: (operation.parameters ?? []).some(
        (parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey',
      ),
      successSchema: success,
      errorCodes: operation['x-error-codes'],
    });
  }
}
constant(
  'OPERATIONS',
  'Every operation of the contract, with the schema of its success and the error codes it may answer.',
  operations,
);
out.push("export type OperationId = (typeof OPERATIONS)[number]['operationId'];", '');

const generated = out.join('\n');
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outputPath, 'utf8');
  } catch {}
  if (current !== generated) {
    console.error('src/domain/contract.generated.ts is out of date with src/api/openapi.json: run `npm run generate`.');
    process.exit(1);
  }
} else {
  writeFileSync(outputPath, generated);
  console.log(`wrote ${outputPath}`);
}
