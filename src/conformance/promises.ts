/** A promise of the product (docs/promises.md), or the contract itself: what a check proves. */
export type PromiseId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 'contract';

/** What each promise says, in the report's words. */
export const PROMISES: ReadonlyArray<{ id: PromiseId; title: string }> = [
  { id: 1, title: 'Nobody but the user knows the final PIN code' },
  { id: 2, title: 'The administrator can start a PIN code but cannot end it' },
  { id: 3, title: 'The user changes their own PIN code without access to the user setup table' },
  { id: 4, title: 'The Resource card follows' },
  { id: 5, title: 'Guessing is stopped, however the guesses arrive' },
  { id: 6, title: 'Weak PIN codes are refused, with the reason' },
  { id: 7, title: 'Every change leaves a trace' },
  { id: 8, title: 'Concurrent edits never overwrite each other' },
  { id: 9, title: 'A retry is a retry, nothing more' },
  { id: 10, title: 'The setup means what it says' },
  { id: 11, title: "A device check is a device's" },
  { id: 'contract', title: 'every operation and error code, as documented; bad input never a 500' },
];

/** "Promise 5" or "The contract". */
export const promiseName = (id: PromiseId) => (id === 'contract' ? 'The contract' : `Promise ${id}`);
