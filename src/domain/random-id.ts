/**
 * A random version 4 UUID. `crypto.randomUUID` exists only in secure contexts; a host page served over plain http
 * (an intranet ERP) still needs ids and Idempotency-Keys, so one is made from `getRandomValues`, which exists
 * everywhere: each 0, 1 and 8 of the template becomes a random hex digit, the 8 keeping the variant's bits (10xx).
 */
export const randomId = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+digit / 4)))).toString(16),
  );
