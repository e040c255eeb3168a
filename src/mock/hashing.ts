type HashJob = { op: 'hash'; pinCode: string; salt?: string } | { op: 'verify'; pinCode: string; hash: string };
export type HashRequest = HashJob & { id: number };
export type HashResponse = { id: number; hash: string } | { id: number; valid: boolean } | { id: number; failed: true };

/** argon2id hashing and verifying of PIN codes in a small pool of Web Workers, so the page never freezes. */
export interface PinHasher {
  /**
   * An encoded argon2id hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) of `pinCode`, with `salt` (unpadded
   * base64, from `newSalt` or `saltOf`) or a fresh random 16-byte salt.
   */
  hash(pinCode: string, salt?: string): Promise<string>;
  /** Whether `pinCode` matches the encoded hash. */
  verify(pinCode: string, hash: string): Promise<boolean>;
  terminate(): void;
}

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

/**
 * A pool of `size` hashing workers (default: two, or one on a one-core machine). A PIN change hashes the current
 * code and the new one; two workers do both at once.
 */
export function createPinHasher(size = Math.min(2, navigator.hardwareConcurrency || 1)): PinHasher {
  const workers = Array.from(
    { length: size },
    () => new Worker(new URL('./hashing.worker.ts', import.meta.url), { type: 'module' }),
  );
  const pending = new Map<number, { resolve: (response: HashResponse) => void; reject: (error: Error) => void }>();
  const busy = workers.map(() => 0);
  let nextId = 1;
  for (const worker of workers) {
    worker.onmessage = ({ data }: MessageEvent<HashResponse>) => {
      const call = pending.get(data.id);
      pending.delete(data.id);
      call?.resolve(data);
    };
    worker.onerror = () => {
      for (const call of pending.values()) call.reject(new Error('The hashing worker failed.'));
      pending.clear();
    };
  }

  function run(request: HashJob): Promise<HashResponse> {
    const index = busy.indexOf(Math.min(...busy));
    const id = nextId++;
    busy[index] += 1;
    return new Promise<HashResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      workers[index].postMessage({ ...request, id });
    }).finally(() => {
      busy[index] -= 1;
    });
  }

  return {
    async hash(pinCode, salt) {
      const response = await run({ op: 'hash', pinCode, salt });
      if (!('hash' in response)) throw new Error('Hashing failed.');
      return response.hash;
    },
    async verify(pinCode, hash) {
      const response = await run({ op: 'verify', pinCode, hash });
      if (!('valid' in response)) throw new Error('Verifying failed.');
      return response.valid;
    },
    terminate() {
      for (const worker of workers) worker.terminate();
      for (const call of pending.values()) call.reject(new Error('The hasher was stopped.'));
      pending.clear();
    },
  };
}
