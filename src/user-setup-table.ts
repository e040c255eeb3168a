/**
 * The setup page's placement (`mobile-flow-pin/user-setup-table`): defines `<mf-user-setup-table>` and exports what
 * a page needs to give it a client. Loads only what the Mobile Flow user setup needs.
 */
export * from './elements/mf-user-setup-table/mf-user-setup-table.js';
export { createMobileFlowClient, type MobileFlowClient, type MobileFlowClientOptions } from './api/client.js';
export { createControlAddInFetch } from './api/control-add-in-fetch.js';
export { mobileFlowClientContext } from './api/context.js';
export { MobileFlowError } from './api/errors.js';
export { setLocale } from './elements/localization.js';
