/**
 * The host core: the contract's behaviour once, transport-neutral — `(Request) => Promise<Response>` over a storage
 * port, a hasher and an identity function. The browser's mock host and the server host are adapters around it.
 */
export {
  createHostCore,
  IDEMPOTENCY_KEY_HOURS,
  type HostCoreOptions,
  type HostHandler,
  type Identity,
} from './core.js';
export { contractProblem, type ContractSchemaName } from './contract-validation.js';
export { answerEnvelopeCall, ENVELOPE_ENDPOINT } from './envelope-endpoint.js';
export { failedOnPurposeResponse } from './errors.js';
export { FilterError, parseUserSetupFilter, searchFold, type FilterNode } from './odata-filter.js';
export {
  createSchemeHasher,
  HashKeyProblem,
  newSalt,
  OWASP_ARGON2ID,
  PIN_HASH_SCHEMES,
  readHashKey,
  sameHash,
  saltOf,
  TEST_ARGON2ID,
  type Argon2idCost,
  type Argon2idFunction,
  type PinHasher,
  type PinHashOptions,
  type PinHashScheme,
} from './pin-hashes.js';
export { publicResource, publicUserSetup } from './projections.js';
export type * from './records.js';
export {
  SORT_FIELDS,
  type HostStorage,
  type SortField,
  type UserSection,
  type UserSetupQuery,
  type UserState,
  type UserWrite,
} from './storage.js';
export { seededUsers, newUserRecords, type NewUser, type SeededUser, type SeedOptions } from './seed-users.js';
