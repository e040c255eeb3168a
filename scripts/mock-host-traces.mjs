/** Words that only the mock host, MSW or hash-wasm would bring into a bundle: none of them may be in a shipped one. */
export const MOCK_HOST_TRACES = [
  'mockServiceWorker',
  'setupWorker',
  'msw',
  'hash-wasm',
  'argon2',
  'indexedDB',
  'IDBKeyRange',
  'startMockHost',
];
