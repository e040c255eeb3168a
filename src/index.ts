/**
 * Mobile Flow PIN codes: the two elements, the typed client of the host contract, the context that hands it to
 * them, and the PIN policy. The mock host is a separate entry (`mobile-flow-pin/mock`).
 */
export * from './api/index.js';
export type * from './domain/contract.generated.js';
export { ERROR_CODES, PIN_RULES } from './domain/contract.generated.js';
export { randomId } from './domain/random-id.js';
export { checkPinCode, COMMON_FOUR_DIGIT_PIN_CODES, type PinCheckContext } from './domain/pin-policy.js';
export { getLocale, LANGUAGES, setLocale, type Language } from './elements/localization.js';
// Through the placements' entries, so that each element is in its placement's own file, not a third chunk.
export * from './change-pin-dialog.js';
export * from './user-setup-table.js';
