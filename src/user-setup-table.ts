/**
 * The setup page's placement (`mobile-flow-pin/user-setup-table`): defines `<mf-user-setup-table>` and exports what a
 * page needs to give it a client. Loads only what the Mobile Flow user setup needs: not the Business Central bridge
 * (`createControlAddInFetch`, in the main entry), since an add-in loads its own script from dist/bc/ with the bridge
 * inside.
 */
export * from './elements/mf-user-setup-table/mf-user-setup-table.js';
export { createMobileFlowClient, type MobileFlowClient, type MobileFlowClientOptions } from './api/client.js';
export { mobileFlowClientContext } from './api/context.js';
export { MobileFlowError } from './api/errors.js';
export { setLocale } from './elements/localization.js';
