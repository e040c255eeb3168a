// argon2id off the main thread: one call costs ~60 ms of CPU, which would freeze the page.
import { argon2id, argon2Verify } from 'hash-wasm';
import type { HashRequest, HashResponse } from './hashing.js';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
const PARAMETERS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

self.onmessage = async ({ data }: MessageEvent<HashRequest>) => {
  let response: HashResponse;
  try {
    if (data.op === 'hash') {
      const salt = data.salt
        ? Uint8Array.from(atob(data.salt.padEnd(Math.ceil(data.salt.length / 4) * 4, '=')), (char) =>
            char.charCodeAt(0),
          )
        : crypto.getRandomValues(new Uint8Array(16));
      response = {
        id: data.id,
        hash: await argon2id({ ...PARAMETERS, password: data.pinCode, salt, outputType: 'encoded' }),
      };
    } else {
      response = { id: data.id, valid: await argon2Verify({ password: data.pinCode, hash: data.hash }) };
    }
  } catch {
    response = { id: data.id, failed: true };
  }
  // Typed with the DOM lib (the project has one lib set); in a worker this is DedicatedWorkerGlobalScope.postMessage.
  self.postMessage(response);
};
