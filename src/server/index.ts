/**
 * The server host (`mobile-flow-pin/server`): the host core on PostgreSQL — PGlite embedded by default, a PostgreSQL
 * server through `pg` — with native argon2id, as a fetch-standard handler for any server.
 */
export { createHostHandler, type HostHandlerOptions, type ServerHost } from './handler.js';
export {
  ProvisioningRefused,
  userProvisioning,
  type ProvisionedUser,
  type ProvisioningProblem,
  type RemoveOutcome,
  type UpsertOutcome,
  type UserProvisioning,
} from './provisioning.js';
export { openSqlDatabase, type SqlDatabase, type SqlRunner } from './sql.js';
export { identifyByDevelopmentToken, issueDevelopmentTokens } from './tokens.js';
export type { Argon2idCost, Identity } from '../host/index.js';
export { TEST_ARGON2ID } from '../host/index.js';
// The parts, for hosts (and benchmarks) that wire the core themselves.
export { answerEnvelopeCall, createHostCore, ENVELOPE_ENDPOINT, failedOnPurposeResponse } from '../host/index.js';
export { createNativeHasher } from './native-hasher.js';
export { answerClientError, answerMalformedRequests } from './malformed-http.js';
export { PostgresStorage } from './postgres-storage.js';
export { MissingPackage } from './peers.js';
