/** Mobile Flow PIN codes: the typed client, its context and the domain rules. The elements join in later issues. */
export * from './api/index.js';
export * from './domain/index.js';
