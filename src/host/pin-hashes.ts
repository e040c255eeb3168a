/**
 * The host's hasher: argon2id for PIN codes (OWASP: m=19456 KiB, t=2, p=1, 16-byte salt, encoded form), and a keyed
 * fingerprint of request bodies for Idempotency-Keys. The browser's mock runs it in Web Workers, a server natively.
 */
export interface PinHasher {
  /**
   * An encoded argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of `pinCode`, with `salt` (unpadded
   * base64, from `newSalt` or `saltOf`) or a fresh random 16-byte salt.
   */
  hash(pinCode: string, salt?: string): Promise<string>;
  /** Whether `pinCode` matches the encoded hash. */
  verify(pinCode: string, hash: string): Promise<boolean>;
  /**
   * A keyed hash (HMAC-SHA-256 with the host's secret) of `text`, in hex. A plain hash of a body that holds a 6-digit
   * PIN code is reversed in a second; without the secret this one is not.
   */
  fingerprint(text: string): Promise<string>;
}

/** argon2id's cost for new hashes (one lane): memory in KiB and passes. A check reads the cost from the stored hash. */
export interface Argon2idCost {
  memoryKiB: number;
  passes: number;
}

/**
 * OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): every host's default. A lighter cost makes a stolen hash
 * cheaper to guess; the hosts take one only for tests that are not about the hash.
 */
export const OWASP_ARGON2ID: Argon2idCost = { memoryKiB: 19_456, passes: 2 };

/**
 * A cost for tests that are not about the hash (64 KiB, 1 pass): well under a millisecond a hash instead of 20–60 ms,
 * the same encoded form, checked the same way. Never a host's cost.
 */
export const TEST_ARGON2ID: Argon2idCost = { memoryKiB: 64, passes: 1 };

/** A fresh random 16-byte salt, in the unpadded base64 of the encoded form. */
export const newSalt = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/=+$/, '');

/** The base64 salt of an encoded argon2id hash. */
export const saltOf = (encodedHash: string) => encodedHash.split('$')[4];

/** Whether two encoded hashes are the same, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}
