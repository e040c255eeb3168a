// The add-in's startup script: Business Central runs it after script.js, in the add-in's iframe. It draws the element
// into #controlAddIn and tells AL it is ready (the event Ready).
MobileFlowPinAddIn.start();
