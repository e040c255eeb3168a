/** Mobile Flow PIN codes: the elements, the typed client, its context and the domain rules. */
export * from './api/index.js';
export * from './domain/index.js';
export * from './elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
export * from './elements/mf-user-setup-table/mf-user-setup-table.js';
