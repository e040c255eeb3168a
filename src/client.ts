/**
 * The typed client of the host contract, the contract's types and constants, and the PIN policy: everything of the
 * plugin that needs no DOM, for a server, a worker or a script (`mobile-flow-pin/client`).
 */
export * from './api/client.js';
export * from './api/errors.js';
export * from './domain/index.js';
export * from './api/control-add-in-fetch.js';
export * from './api/envelope.js';
export * from './api/transport-error.js';
export * from './api/business-central-fetch.js';
