import { createHmac } from 'node:crypto';
import type { PinHasher } from '../host/index.js';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane; 32-byte hashes, as the browser's mock makes them. */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, hashLength: 32 } as const;

/**
 * argon2id in native code (the `argon2` package), run on libuv's thread pool, off the event loop; fingerprints of
 * request bodies keyed with `fingerprintKey`.
 */
export async function createNativeHasher(fingerprintKey: string): Promise<PinHasher> {
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
        ...PARAMETERS,
        type: argon2.argon2id,
        ...(salt !== undefined && { salt: Buffer.from(salt, 'base64') }),
      }),
    verify: (pinCode, hash) => argon2.verify(hash, pinCode),
    fingerprint: async (text) => createHmac('sha256', key).update(text).digest('hex'),
  };
}
