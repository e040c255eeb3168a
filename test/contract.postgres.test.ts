import { contractSuite } from './support/contract-suite.js';

describe('the host contract, on the server host on a PostgreSQL server over real HTTP', () => {
  contractSuite('postgres');
});
