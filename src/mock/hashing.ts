import { OWASP_ARGON2ID, type Argon2idCost, type PinHasher } from '../host/index.js';

export { newSalt, sameHash, saltOf, type Argon2idCost, type PinHasher } from '../host/index.js';

type HashJob =
  | { op: 'hash'; pinCode: string; salt?: string; cost: Argon2idCost }
  | { op: 'verify'; pinCode: string; hash: string }
  | { op: 'fingerprint'; text: string; key: string };
export type HashRequest = HashJob & { id: number };
export type HashResponse =
  | { id: number; hash: string }
  | { id: number; valid: boolean }
  | { id: number; fingerprint: string }
  | { id: number; failed: true };

/** The mock's hasher: a pool of Web Workers, so the page never freezes; `terminate` ends them. */
export interface WorkerPinHasher extends PinHasher {
  terminate(): void;
}

/**
 * A pool of `size` hashing workers (default: two, or one on a one-core machine). A PIN change hashes the current
 * code and the new one; two workers do both at once. `fingerprintKey` (unpadded base64) keys the fingerprints of
 * request bodies; without one, a random key that lives as long as the pool. `cost` is argon2id's for new hashes
 * (default OWASP's minimum).
 */
export function createPinHasher(
  size = Math.min(2, navigator.hardwareConcurrency || 1),
  fingerprintKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
  cost: Argon2idCost = OWASP_ARGON2ID,
): WorkerPinHasher {
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
      const response = await run({ op: 'hash', pinCode, salt, cost });
      if (!('hash' in response)) throw new Error('Hashing failed.');
      return response.hash;
    },
    async verify(pinCode, hash) {
      const response = await run({ op: 'verify', pinCode, hash });
      if (!('valid' in response)) throw new Error('Verifying failed.');
      return response.valid;
    },
    async fingerprint(text) {
      const response = await run({ op: 'fingerprint', text, key: fingerprintKey });
      if (!('fingerprint' in response)) throw new Error('Fingerprinting failed.');
      return response.fingerprint;
    },
    terminate() {
      for (const worker of workers) worker.terminate();
      for (const call of pending.values()) call.reject(new Error('The hasher was stopped.'));
      pending.clear();
    },
  };
}
