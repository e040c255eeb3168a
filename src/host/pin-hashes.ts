import { HostError } from './errors.js';

/**
 * How a host hashes PIN codes (promise 1). Every stored hash names its scheme, so one database can hold both while a
 * host moves from one to the other:
 * - `argon2id`: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, the default wherever the host can compute it. What
 *   protects it is the hash's own secrecy: a 4–8 digit code is guessed offline in hours from a stolen hash.
 * - `hmac-sha256`: `$hmac-sha256$<salt>$<mac>`, the mac being HMAC-SHA-256 under the host's hash key of the UTF-8 text
 *   `<salt>$<pinCode>` (unpadded base64). What Business Central can compute (its "Cryptography Management"
 *   GenerateBase64KeyedHashAsBase64String); what protects it is the key's secrecy, kept outside the records.
 */
export type PinHashScheme = 'argon2id' | 'hmac-sha256';

export const PIN_HASH_SCHEMES: readonly PinHashScheme[] = ['argon2id', 'hmac-sha256'];

/** The host's hasher: PIN codes in named schemes, and a keyed fingerprint of request bodies for Idempotency-Keys. */
export interface PinHasher {
  /** The scheme new hashes are made in, with its cost: `argon2id m=19456 t=2`, or `hmac-sha256`. */
  readonly preferred: string;
  /** A new hash of `pinCode` in the preferred scheme, with `salt` (unpadded base64, from `newSalt`) or a fresh one. */
  hash(pinCode: string, salt?: string): Promise<string>;
  /**
   * `pinCode` hashed as `encodedHash` was: its scheme, cost and salt, so the two are the same text exactly when the
   * code is the one hashed there. Fails with `Internal_ServerError` for a scheme this host cannot compute.
   */
  hashLike(pinCode: string, encodedHash: string): Promise<string>;
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

/** How a host hashes: the scheme of new hashes, argon2id's cost, and the key of hmac-sha256. */
export interface PinHashOptions {
  /** The scheme new hashes are made in. Default `argon2id`. */
  scheme?: PinHashScheme;
  /** argon2id's cost for new hashes. Default OWASP's minimum. */
  argon2idCost?: Argon2idCost;
  /**
   * The hmac-sha256 key: base64 of at least 32 random bytes, kept outside the records. Needed to make hmac-sha256
   * hashes, and to check those a database still holds after a move back to argon2id.
   */
  hashKey?: string;
}

/** argon2id as an adapter computes it (Web Workers, native code): the encoded form, one lane, 32 bytes. */
export type Argon2idFunction = (pinCode: string, salt: string, cost: Argon2idCost) => Promise<string>;

/** A hash key that is not base64 of at least 32 bytes: said in words, before anything is hashed with it. */
export class HashKeyProblem extends Error {}

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');

/** A fresh random 16-byte salt, in the unpadded base64 of the encoded forms. */
export const newSalt = () => base64(crypto.getRandomValues(new Uint8Array(16)));

/** The base64 salt of an encoded hash, of either scheme. */
export const saltOf = (encodedHash: string) => encodedHash.split('$').at(-2) ?? '';

/**
 * An encoded hash's scheme and cost, in one canonical text (`argon2id m=19456 t=2`, `hmac-sha256`), whatever order an
 * argon2id library writes its parameters in (hash-wasm `m,t,p`, the native `argon2` package `m,p,t`); undefined for a
 * hash in no scheme this host knows.
 */
function schemeOf(encodedHash: string): { scheme: string; cost?: Argon2idCost } | undefined {
  const [empty, name, version, parameters, salt, hash, ...rest] = encodedHash.split('$');
  const isBase64 = (text = '') => /^[A-Za-z0-9+/]+$/.test(text);
  if (empty !== '') return undefined;
  if (name === 'hmac-sha256')
    return isBase64(version) && isBase64(parameters) && salt === undefined ? { scheme: 'hmac-sha256' } : undefined;
  if (name !== 'argon2id' || version !== 'v=19' || rest.length || !isBase64(salt) || !isBase64(hash)) return undefined;
  const cost = Object.fromEntries((parameters ?? '').split(',').map((pair) => pair.split('=')));
  if (cost.p !== '1' || !/^\d+$/.test(cost.m ?? '') || !/^\d+$/.test(cost.t ?? '')) return undefined;
  const memoryKiB = Number(cost.m);
  const passes = Number(cost.t);
  return { scheme: `argon2id m=${memoryKiB} t=${passes}`, cost: { memoryKiB, passes } };
}

/** The bytes of a hash key, or why it is no key. */
export function readHashKey(hashKey: string): Uint8Array<ArrayBuffer> {
  const text = hashKey.trim();
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  try {
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    bytes = undefined;
  }
  if (!bytes) throw new HashKeyProblem('The PIN hash key is not base64: make one with `openssl rand -base64 32`.');
  if (bytes.length < 32)
    throw new HashKeyProblem(
      `The PIN hash key holds ${bytes.length} bytes; it needs at least 32 random ones: make one with \`openssl rand -base64 32\`.`,
    );
  return bytes;
}

/**
 * A hasher in the schemes of `options`: argon2id through the adapter's `argon2id`, hmac-sha256 through WebCrypto
 * (the same in the browser and in Node), body fingerprints through the adapter's `fingerprint`.
 */
export function createSchemeHasher(
  argon2id: Argon2idFunction,
  fingerprint: (text: string) => Promise<string>,
  { scheme = 'argon2id', argon2idCost = OWASP_ARGON2ID, hashKey }: PinHashOptions = {},
): PinHasher {
  if (scheme === 'hmac-sha256' && hashKey === undefined)
    throw new HashKeyProblem(
      'Hashing PIN codes with hmac-sha256 needs a hash key: base64 of at least 32 random bytes.',
    );
  const keyBytes = hashKey === undefined ? undefined : readHashKey(hashKey);
  let key: Promise<CryptoKey> | undefined;
  const hmac = async (pinCode: string, salt: string) => {
    if (!keyBytes)
      throw new HostError(
        'Internal_ServerError',
        'This host holds PIN codes hashed with hmac-sha256 but was given no hash key to check them.',
      );
    key ??= crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(`${salt}$${pinCode}`));
    return `$hmac-sha256$${salt}$${base64(new Uint8Array(mac))}`;
  };
  const { memoryKiB, passes } = argon2idCost;
  return {
    preferred: scheme === 'argon2id' ? `argon2id m=${memoryKiB} t=${passes}` : 'hmac-sha256',
    hash: (pinCode, salt = newSalt()) =>
      scheme === 'argon2id' ? argon2id(pinCode, salt, argon2idCost) : hmac(pinCode, salt),
    async hashLike(pinCode, encodedHash) {
      const known = schemeOf(encodedHash);
      if (known?.cost) return argon2id(pinCode, saltOf(encodedHash), known.cost);
      if (known) return hmac(pinCode, saltOf(encodedHash));
      throw new HostError(
        'Internal_ServerError',
        `A stored PIN code hash is in a scheme this host does not know (${JSON.stringify(encodedHash.split('$')[1] ?? '')}).`,
      );
    },
    fingerprint,
  };
}

/** Whether two encoded hashes are the same, in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}

/** Whether `pinCode` is the code hashed in `encodedHash`, whatever its scheme. */
export const matchesHash = async (hasher: PinHasher, pinCode: string, encodedHash: string) =>
  sameHash(await hasher.hashLike(pinCode, encodedHash), encodedHash);

/** Whether `encodedHash` is in the host's preferred scheme and cost; if not, the next successful check re-hashes it. */
export const inPreferredScheme = (hasher: PinHasher, encodedHash: string) =>
  schemeOf(encodedHash)?.scheme === hasher.preferred;

/**
 * Whether `pinCode`, hashed as `newHash`, is one of `history` (a user's earlier hashes, all with the user's salt): each
 * scheme and cost of the history is computed once, the new hash's own not at all.
 */
export async function inHistory(
  hasher: PinHasher,
  pinCode: string,
  newHash: string,
  history: readonly string[],
): Promise<boolean> {
  // Hashes with the new hash's scheme, cost and salt are compared with it as they are; the others in groups of one
  // scheme, cost and salt, each group hashed once.
  const groupOf = (hash: string) => `${schemeOf(hash)?.scheme} ${saltOf(hash)}`;
  const newGroup = groupOf(newHash);
  const groups = new Map<string, string[]>();
  for (const hash of history) {
    const group = groupOf(hash);
    if (group === newGroup) {
      if (sameHash(hash, newHash)) return true;
    } else groups.set(group, [...(groups.get(group) ?? []), hash]);
  }
  const found = await Promise.all(
    [...groups.values()].map(async (hashes) => {
      const like = await hasher.hashLike(pinCode, hashes[0]);
      return hashes.some((hash) => sameHash(hash, like));
    }),
  );
  return found.includes(true);
}
