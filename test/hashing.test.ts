import { expect } from '@open-wc/testing';
import { inHistory, inPreferredScheme, matchesHash, TEST_ARGON2ID } from '../src/host/pin-hashes.js';
import { createPinHasher, newSalt, sameHash, saltOf, type WorkerPinHasher } from '../src/mock/hashing.js';

/** Bytes 0..31: a key whose hmac-sha256 hashes were computed apart, with Node's crypto. */
const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const ZERO_SALT = 'AAAAAAAAAAAAAAAAAAAAAA';

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
    expect(await matchesHash(hasher, '739204', first)).to.equal(true);
    expect(await matchesHash(hasher, '739205', first)).to.equal(false);
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

describe('hash schemes, named in the hash (promise 1)', () => {
  const hashers: WorkerPinHasher[] = [];
  /** Another light argon2id cost, for a history made at two costs. */
  const OTHER_COST = { memoryKiB: 128, passes: 1 };
  const make = (options: Parameters<typeof createPinHasher>[2] = {}) => {
    const made = createPinHasher(1, undefined, { argon2idCost: TEST_ARGON2ID, ...options });
    hashers.push(made);
    return made;
  };
  after(() => hashers.forEach((made) => made.terminate()));

  it('hmac-sha256: HMAC-SHA-256 under the decoded key of "<salt>$<code>", as Business Central computes it', async () => {
    const hmac = make({ scheme: 'hmac-sha256', hashKey: KEY });
    // Node: createHmac('sha256', Buffer.from([0..31])).update('AAAAAAAAAAAAAAAAAAAAAA$739204').digest('base64')
    expect(await hmac.hash('739204', ZERO_SALT)).to.equal(
      `$hmac-sha256$${ZERO_SALT}$WBivGpElEHBueelyPCJoBZVMRBKFdJIaoqGSmMMAwhs`,
    );
    const fresh = await hmac.hash('739204');
    expect(fresh).to.match(/^\$hmac-sha256\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await matchesHash(hmac, '739204', fresh)).to.equal(true);
    expect(await matchesHash(hmac, '739205', fresh)).to.equal(false);
    // Another key gives another mac: the key is what protects these hashes.
    const otherKey = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));
    expect(await matchesHash(make({ scheme: 'hmac-sha256', hashKey: otherKey }), '739204', fresh)).to.equal(false);
  });

  it('checks a code in either scheme, and knows which hashes are not in its own', async () => {
    const argon = make({ hashKey: KEY });
    const hmac = make({ scheme: 'hmac-sha256', hashKey: KEY });
    const salt = newSalt();
    const [argonHash, hmacHash] = await Promise.all([argon.hash('480213', salt), hmac.hash('480213', salt)]);
    for (const checker of [argon, hmac]) {
      expect(await matchesHash(checker, '480213', argonHash)).to.equal(true);
      expect(await matchesHash(checker, '480213', hmacHash)).to.equal(true);
      expect(await matchesHash(checker, '480214', argonHash)).to.equal(false);
      expect(await matchesHash(checker, '480214', hmacHash)).to.equal(false);
    }
    expect([inPreferredScheme(argon, argonHash), inPreferredScheme(argon, hmacHash)]).to.deep.equal([true, false]);
    expect([inPreferredScheme(hmac, argonHash), inPreferredScheme(hmac, hmacHash)]).to.deep.equal([false, true]);
    // Another argon2id cost is another scheme to prefer: re-hashed at the next check too.
    expect(inPreferredScheme(make({ argon2idCost: OTHER_COST }), argonHash)).to.equal(false);
  });

  it('finds a code in a history of both schemes and two costs', async () => {
    const argon = make({ hashKey: KEY });
    const hmac = make({ scheme: 'hmac-sha256', hashKey: KEY });
    const otherCost = make({ argon2idCost: OTHER_COST });
    const salt = newSalt();
    const history = await Promise.all([
      hmac.hash('111357', salt),
      argon.hash('246813', salt),
      otherCost.hash('975310', salt),
    ]);
    for (const [code, found] of [
      ['111357', true],
      ['246813', true],
      ['975310', true],
      ['864202', false],
    ] as const) {
      for (const checker of [argon, hmac]) {
        const newHash = await checker.hash(code, salt);
        expect(await inHistory(checker, code, newHash, history), `${code} in the history`).to.equal(found);
      }
    }
  });

  it('refuses a key that is no key, and a hmac-sha256 scheme without one, in words', async () => {
    expect(() => createPinHasher(1, undefined, { scheme: 'hmac-sha256' })).to.throw(/needs a hash key/);
    expect(() => createPinHasher(1, undefined, { hashKey: 'not base64!' })).to.throw(/not base64/);
    expect(() => createPinHasher(1, undefined, { hashKey: btoa('sixteen bytes..!') })).to.throw(/holds 16 bytes/);
    // A host without the key meets a hmac-sha256 hash: a clear error, never "wrong code".
    const hmacHash = await make({ scheme: 'hmac-sha256', hashKey: KEY }).hash('739204');
    const error = await matchesHash(make(), '739204', hmacHash).catch((caught: Error) => caught);
    expect((error as Error).message).to.match(/hmac-sha256 but was given no hash key/);
    const unknown = await matchesHash(make(), '739204', '$bcrypt$abc$def').catch((caught: Error) => caught);
    expect((unknown as Error).message).to.match(/scheme this host does not know \("bcrypt"\)/);
  });
});
