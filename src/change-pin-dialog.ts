/**
 * The overview page's placement (`mobile-flow-pin/change-pin-dialog`): defines `<mf-change-pin-dialog>` and exports
 * what a page needs to give it a client. Loads only what Change PIN Code needs: not the Business Central bridge
 * (`createControlAddInFetch`, in the main entry), since an add-in loads its own script from dist/bc/ with the bridge
 * inside.
 */
export * from './elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
export { createMobileFlowClient, type MobileFlowClient, type MobileFlowClientOptions } from './api/client.js';
export { mobileFlowClientContext } from './api/context.js';
export { MobileFlowError } from './api/errors.js';
export { setLocale } from './elements/localization.js';
