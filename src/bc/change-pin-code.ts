// The ChangePinCode control add-in's script: a classic script (Business Central loads add-in scripts without a module
// loader) with Lit, the element, the client and the bridge. Its startup script calls `MobileFlowPinAddIn.start()`.
import '../elements/mf-change-pin-dialog/mf-change-pin-dialog.js';
import { startAddIn } from './add-in.js';

/**
 * The element inline: the add-in is the only content of a page of its own, which it fills (VerticalStretch), so the
 * form is part of that page; a modal dialog would be confined to the add-in's frame.
 */
export const start = () =>
  startAddIn({ tagName: 'mf-change-pin-dialog', events: { 'mf-pin-code-changed': 'PinCodeChanged' } }).toggleAttribute(
    'inline',
    true,
  );
