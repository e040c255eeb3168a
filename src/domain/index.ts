/** The domain: the contract's types and the PIN policy. No DOM, no fetch. */
export * from './contract.generated.js';
export * from './pin-policy.js';
export * from './random-id.js';
export * from './temporary-pin-code.js';
export * from './device-sign-in.js';
