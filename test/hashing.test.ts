import { expect } from '@open-wc/testing';
import { createPinHasher, newSalt, sameHash, saltOf, type WorkerPinHasher } from '../src/mock/hashing.js';

describe('the hashing workers', () => {
  let hasher: WorkerPinHasher;
  before(() => {
    hasher = createPinHasher();
  });
  after(() => hasher.terminate());

  it('hash with argon2id at OWASP parameters, in encoded form, with a random 16-byte salt', async () => {
    const [first, second] = await Promise.all([hasher.hash('739204'), hasher.hash('739204')]);
    expect(first).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(saltOf(first)).to.not.equal(saltOf(second));
    expect(await hasher.verify('739204', first)).to.equal(true);
    expect(await hasher.verify('739205', first)).to.equal(false);
  });

  it('give the same hash for the same code and salt, so one run checks a whole history', async () => {
    const salt = newSalt();
    expect(salt).to.match(/^[A-Za-z0-9+/]{22}$/);
    const hash = await hasher.hash('739204', salt);
    expect(saltOf(hash)).to.equal(salt);
    expect(sameHash(await hasher.hash('739204', salt), hash)).to.equal(true);
    expect(sameHash(await hasher.hash('739205', salt), hash)).to.equal(false);
    expect(sameHash(hash, hash.slice(0, -1))).to.equal(false);
  });
});
