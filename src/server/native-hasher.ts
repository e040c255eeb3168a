import { createHmac } from 'node:crypto';
import { OWASP_ARGON2ID, type Argon2idCost, type PinHasher } from '../host/index.js';

/**
 * argon2id in native code (the `argon2` package), run on libuv's thread pool, off the event loop; fingerprints of
 * request bodies keyed with `fingerprintKey`. New hashes cost `cost` (default OWASP's minimum), one lane, 32 bytes, as
 * the browser's mock makes them.
 */
export async function createNativeHasher(
  fingerprintKey: string,
  cost: Argon2idCost = OWASP_ARGON2ID,
): Promise<PinHasher> {
  let argon2: typeof import('argon2');
  try {
    argon2 = await import('argon2');
  } catch {
    throw new Error('The server host needs the package argon2: npm install argon2');
  }
  const key = Buffer.from(fingerprintKey, 'base64');
  return {
    hash: (pinCode, salt) =>
      argon2.hash(pinCode, {
        memoryCost: cost.memoryKiB,
        timeCost: cost.passes,
        parallelism: 1,
        hashLength: 32,
        type: argon2.argon2id,
        ...(salt !== undefined && { salt: Buffer.from(salt, 'base64') }),
      }),
    verify: (pinCode, hash) => argon2.verify(hash, pinCode),
    fingerprint: async (text) => createHmac('sha256', key).update(text).digest('hex'),
  };
}
