import { contractSuite } from './support/contract-suite.js';

describe('the host contract, on the server host (PGlite, native argon2id) over real HTTP', () => {
  contractSuite('server');
});
