import { createSchemeHasher, type Argon2idCost, type PinHasher, type PinHashOptions } from '../host/index.js';

export { newSalt, sameHash, saltOf, type Argon2idCost, type PinHasher } from '../host/index.js';

type HashJob =
  { op: 'hash'; pinCode: string; salt: string; cost: Argon2idCost } | { op: 'fingerprint'; text: string; key: string };
export type HashRequest = HashJob & { id: number };
export type HashResponse =
  { id: number; hash: string } | { id: number; fingerprint: string } | { id: number; failed: true };

/** The mock's hasher: Web Workers, so the page never freezes; `terminate` lets go of them. */
export interface WorkerPinHasher extends PinHasher {
  terminate(): void;
}

/** How long a page's idle workers outlive the last hasher: a host started again at once (a test's next case, a reload of the demo's host) finds them warm. */
const LINGER_MS = 10_000;

/** A page's hashing workers of one pool size, shared by every hasher on the page that asks for that size. */
interface WorkerPool {
  workers: Worker[];
  busy: number[];
  /** Every call in flight, by id, across the hashers that share the pool. */
  pending: Map<number, { resolve: (response: HashResponse) => void; reject: (error: Error) => void }>;
  users: number;
  linger?: ReturnType<typeof setTimeout>;
}

const pools = new Map<number, WorkerPool>();
let nextId = 1;

/**
 * The page's pool of `size` workers: started by the first hasher, shared by the later ones. Starting a worker and
 * compiling argon2id's WebAssembly costs a hundred milliseconds or more, as much as a host's whole start otherwise.
 */
function takePool(size: number): WorkerPool {
  let pool = pools.get(size);
  if (!pool) {
    const started: WorkerPool = {
      workers: Array.from(
        { length: size },
        () => new Worker(new URL('./hashing.worker.ts', import.meta.url), { type: 'module' }),
      ),
      busy: Array.from({ length: size }, () => 0),
      pending: new Map(),
      users: 0,
    };
    for (const worker of started.workers) {
      worker.onmessage = ({ data }: MessageEvent<HashResponse>) => {
        const call = started.pending.get(data.id);
        started.pending.delete(data.id);
        call?.resolve(data);
      };
      worker.onerror = () => {
        for (const call of started.pending.values()) call.reject(new Error('The hashing worker failed.'));
        started.pending.clear();
      };
    }
    pools.set(size, (pool = started));
  }
  clearTimeout(pool.linger);
  pool.users += 1;
  return pool;
}

/** A hasher is done with `pool`: the last one ends the workers once they have been idle for LINGER_MS. */
function releasePool(size: number, pool: WorkerPool) {
  pool.users -= 1;
  if (pool.users > 0) return;
  pool.linger = setTimeout(() => {
    for (const worker of pool.workers) worker.terminate();
    pools.delete(size);
  }, LINGER_MS);
}

/**
 * A hasher whose argon2id runs on the page's pool of `size` hashing workers (default: two, or one on a one-core
 * machine). A PIN change hashes the current code and the new one; two workers do both at once. `fingerprintKey`
 * (unpadded base64) keys the fingerprints of request bodies; without one, a random key that lives as long as the
 * hasher. `options`: the scheme of new hashes (default argon2id at OWASP's minimum), and the hmac-sha256 key.
 * `terminate` fails this hasher's calls in flight and lets go of the workers.
 */
export function createPinHasher(
  size = Math.min(2, navigator.hardwareConcurrency || 1),
  fingerprintKey = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))),
  options: PinHashOptions = {},
): WorkerPinHasher {
  // First, so that a hash key that is no key throws before any worker starts.
  const schemes = createSchemeHasher(
    async (pinCode, salt, cost) => {
      const response = await run({ op: 'hash', pinCode, salt, cost });
      if (!('hash' in response)) throw new Error('Hashing failed.');
      return response.hash;
    },
    async (text) => {
      const response = await run({ op: 'fingerprint', text, key: fingerprintKey });
      if (!('fingerprint' in response)) throw new Error('Fingerprinting failed.');
      return response.fingerprint;
    },
    options,
  );
  const pool = takePool(size);
  const mine = new Set<number>();
  let terminated = false;

  function run(request: HashJob): Promise<HashResponse> {
    if (terminated) return Promise.reject(new Error('The hasher was stopped.'));
    const index = pool.busy.indexOf(Math.min(...pool.busy));
    const id = nextId++;
    pool.busy[index] += 1;
    mine.add(id);
    return new Promise<HashResponse>((resolve, reject) => {
      pool.pending.set(id, { resolve, reject });
      pool.workers[index].postMessage({ ...request, id });
    }).finally(() => {
      pool.busy[index] -= 1;
      mine.delete(id);
    });
  }

  return {
    ...schemes,
    terminate() {
      if (terminated) return;
      terminated = true;
      for (const id of mine) {
        pool.pending.get(id)?.reject(new Error('The hasher was stopped.'));
        pool.pending.delete(id);
      }
      releasePool(size, pool);
    },
  };
}
