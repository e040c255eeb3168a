import { Validator } from '@cfworker/json-schema';
import contract from '../api/openapi.json' with { type: 'json' };

const CONTRACT_ID = 'urn:mobile-flow-pin:openapi.json';
const validators = new Map<string, Validator>();

/** The schema names of the contract's `components.schemas`. */
export type ContractSchemaName = keyof typeof contract.components.schemas;

/**
 * Checks `value` against a schema of the contract (src/api/openapi.json) and gives the first problem in words, or
 * undefined when it conforms. The mock host checks every request body this way, and the tests every answer.
 */
export function contractProblem(schemaName: ContractSchemaName, value: unknown): string | undefined {
  let validator = validators.get(schemaName);
  if (!validator) {
    validator = new Validator({ $ref: `${CONTRACT_ID}#/components/schemas/${schemaName}` }, '2020-12', false);
    validator.addSchema(contract as object, CONTRACT_ID);
    validators.set(schemaName, validator);
  }
  const result = validator.validate(value);
  if (result.valid) return undefined;
  // The deepest error names the field and the reason; the ones above it only say "a subschema had errors".
  const deepest = result.errors.reduce((a, b) => (b.instanceLocation.length > a.instanceLocation.length ? b : a));
  const where = deepest.instanceLocation.replace(/^#\/?/, '').replace(/\//g, '.');
  return `${where || 'the body'}: ${deepest.error}`;
}
