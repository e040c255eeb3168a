import { createHmac } from 'node:crypto';
import { importPeer } from './peers.js';
import { createSchemeHasher, type PinHasher, type PinHashOptions } from '../host/index.js';

/**
 * PIN codes hashed in the schemes of `options` (default argon2id at OWASP's minimum): argon2id in native code (the
 * `argon2` package), run on libuv's thread pool, off the event loop, one lane and 32 bytes as the browser's mock makes
 * them; fingerprints of request bodies keyed with `fingerprintKey`.
 */
export async function createNativeHasher(fingerprintKey: string, options: PinHashOptions = {}): Promise<PinHasher> {
  const argon2 = await importPeer<typeof import('argon2')>('argon2');
  const key = Buffer.from(fingerprintKey, 'base64');
  return createSchemeHasher(
    (pinCode, salt, cost) =>
      argon2.hash(pinCode, {
        memoryCost: cost.memoryKiB,
        timeCost: cost.passes,
        parallelism: 1,
        hashLength: 32,
        type: argon2.argon2id,
        salt: Buffer.from(salt, 'base64'),
      }),
    async (text) => createHmac('sha256', key).update(text).digest('hex'),
    options,
  );
}
