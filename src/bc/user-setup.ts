// The UserSetup control add-in's script: a classic script (Business Central loads add-in scripts without a module
// loader) with Lit, the element, the client and the bridge. Its startup script calls `MobileFlowPinAddIn.start()`.
import '../elements/mf-user-setup-table/mf-user-setup-table.js';
import { startAddIn } from './add-in.js';

export const start = () =>
  startAddIn({
    tagName: 'mf-user-setup-table',
    events: { 'mf-user-setup-changed': 'UserSetupChanged', 'mf-temporary-pin-code-issued': 'TemporaryPinCodeIssued' },
  });
