// argon2id off the main thread: one call costs ~60 ms of CPU, which would freeze the page.
import { argon2id, createHMAC, createSHA256 } from 'hash-wasm';
import type { HashRequest, HashResponse } from './hashing.js';

const bytesOf = (base64: string) =>
  Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (char) => char.charCodeAt(0));

async function answer(data: HashRequest): Promise<HashResponse> {
  switch (data.op) {
    case 'hash': {
      const salt = bytesOf(data.salt);
      return {
        id: data.id,
        hash: await argon2id({
          memorySize: data.cost.memoryKiB,
          iterations: data.cost.passes,
          parallelism: 1,
          hashLength: 32,
          password: data.pinCode,
          salt,
          outputType: 'encoded',
        }),
      };
    }
    case 'fingerprint': {
      const hmac = await createHMAC(createSHA256(), bytesOf(data.key));
      hmac.init();
      hmac.update(data.text);
      return { id: data.id, fingerprint: hmac.digest('hex') };
    }
  }
}

self.onmessage = async ({ data }: MessageEvent<HashRequest>) => {
  let response: HashResponse;
  try {
    response = await answer(data);
  } catch {
    response = { id: data.id, failed: true };
  }
  // Typed with the DOM lib (the project has one lib set); in a worker this is DedicatedWorkerGlobalScope.postMessage.
  self.postMessage(response);
};
