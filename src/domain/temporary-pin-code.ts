import { checkPinCode } from './pin-policy.js';

/** A random code of `length` digits that breaks no rule of the policy's shape (no 11111111, no 12345678). */
export function generateTemporaryPinCode(length: number): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    // Bytes of 250 and more are dropped so that every digit is equally likely.
    const code = Array.from(
      bytes.filter((byte) => byte < 250),
      (byte) => byte % 10,
    )
      .slice(0, length)
      .join('');
    if (code.length !== length) continue;
    if (checkPinCode(code, { minLength: length, maxLength: length, historyDepth: 0 }).length === 0) return code;
  }
}
