/** The typed client of the host contract (openapi.json) and the context that hands it to the elements. */
export * from './client.js';
export * from './context.js';
export * from './errors.js';
export * from './control-add-in-fetch.js';
export * from './envelope.js';
export * from './transport-error.js';
export * from './business-central-fetch.js';
