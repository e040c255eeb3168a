// A host moves its PIN code hashes from argon2id to hmac-sha256 and back (promise 1), with bursts running on two hosts
// of different schemes over the same data, as in a rolling deployment. Plain JavaScript, so that the browser's test
// (the mock host on IndexedDB) and Node's (the server host on PGlite and on PostgreSQL) run the same steps.
//
// `open({ scheme, hashKey })` starts a host on the shared data: `{ clientFor(userId), device, close() }`, `device` a
// client acting as a device. `hashesOf()` reads the stored credentials: Map resourceId → { current, previous }.
// `openWithoutKey()` (optional) starts an argon2id host with no key on data that holds hmac-sha256 hashes; it must
// refuse, and resolves with its error's message. Resolves with what happened, for the test to report.

/** Codes the default policy takes: six digits, no sequence, no repeated digit or group. */
const CODES = ['739204', '480213', '615938', '296471', '853026', '174859', '502837', '948162', '327590', '861405'];

const fail = (message) => {
  throw new Error(message);
};

const outcome = (promise) =>
  promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );

/** A random hash key: base64 of 32 bytes. */
export const randomHashKey = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

export async function moveHashSchemes({ open, hashesOf, openWithoutKey }) {
  // A move starts by giving every host the key, then the preferred scheme changes host by host: a host without the key
  // could not check a code another host has already hashed again in hmac-sha256.
  const hashKey = randomHashKey();
  const argonHost = await open({ scheme: 'argon2id', hashKey });
  const admin = await argonHost.clientFor('ADMIN');
  const users = (await admin.listUserSetups({ top: 50 })).value
    .filter((user) => user.allowPinCode && user.resourceId && user.lockedUntil === null && user.userId !== 'ADMIN')
    .slice(0, 5);
  if (users.length < 5) fail(`the demo data has ${users.length} users with PIN codes allowed, not 5`);
  const code = new Map();
  const wrongSent = new Map(users.map((user) => [user.userId, 0]));
  /** How many events of `type` each user's history holds. */
  const recorded = async (client, type) =>
    new Map(
      await Promise.all(
        users.map(async (user) => [
          user.userId,
          (await client.listPinCodeEvents(user.id)).value.filter((event) => event.type === type).length,
        ]),
      ),
    );
  const [failedBefore, changedBefore] = await Promise.all([
    recorded(admin, 'failedAttempt'),
    recorded(admin, 'changedByUser'),
  ]);

  // Each user gets a code of their own through the argon2id host; the second one changes it once more, so that an
  // argon2id hash of theirs is in their history.
  for (const [i, user] of users.entries()) {
    const { pinCode } = await admin.issueTemporaryPinCode(user.id);
    await (await argonHost.clientFor(user.userId)).changePinCode({ currentPinCode: pinCode, newPinCode: CODES[i] });
    code.set(user.userId, CODES[i]);
  }
  const second = users[1];
  await (await argonHost.clientFor(second.userId)).changePinCode({ currentPinCode: CODES[1], newPinCode: CODES[6] });
  code.set(second.userId, CODES[6]);
  const onlyIn = async (scheme, when) => {
    const hashes = await hashesOf();
    for (const user of users) {
      const { current } = hashes.get(user.resourceId) ?? fail(`${user.userId} lost their credential ${when}`);
      if (!current.startsWith(`$${scheme}$`))
        fail(`${user.userId}'s code is hashed ${current.split('$')[1]}, not ${scheme}, ${when}`);
    }
  };
  await onlyIn('argon2id', 'before the move');

  /**
   * Every user's right code three times and a wrong one twice, through both hosts at once: every right code is valid,
   * every wrong one is not and is counted, whatever the scheme its hash is in at that moment.
   */
  const burst = async (hosts, when) => {
    const calls = users.flatMap((user, i) => [
      ...[0, 1, 2].map((n) => ({ user, host: hosts[(i + n) % 2], pinCode: code.get(user.userId), right: true })),
      ...[0, 1].map((n) => ({ user, host: hosts[(i + n + 1) % 2], pinCode: CODES[9 - n], right: false })),
    ]);
    const answers = await Promise.all(
      calls.map(({ user, host, pinCode }) => outcome(host.device.verifyPinCode(user.resourceId, { pinCode }))),
    );
    for (const [n, { user, right }] of calls.entries()) {
      const { value, error } = answers[n];
      if (error) fail(`${when}: a ${right ? 'right' : 'wrong'} code of ${user.userId} failed: ${error.message}`);
      if (value.valid !== right)
        fail(`${when}: ${user.userId}'s ${right ? 'right code was refused' : 'wrong code was let through'}`);
      if (!right) wrongSent.set(user.userId, wrongSent.get(user.userId) + 1);
    }
  };
  /** One right check each through `host`: every code is then in its scheme. */
  const checkAll = async (host) => {
    for (const user of users) {
      const answer = await host.device.verifyPinCode(user.resourceId, { pinCode: code.get(user.userId) });
      if (!answer.valid) fail(`${user.userId}'s right code was refused by the host alone`);
    }
  };
  /** A change back to an earlier code is refused, whatever scheme the earlier code's hash is in. */
  const refusedAsRecent = async (host, user, earlier, when) => {
    const client = await host.clientFor(user.userId);
    const { error } = await outcome(
      client.changePinCode({ currentPinCode: code.get(user.userId), newPinCode: earlier }),
    );
    const rules = error?.details?.map((detail) => detail.rule) ?? [];
    if (error?.code !== 'PinCode_PolicyViolation' || !rules.includes('recentlyUsed'))
      fail(`${when}: a change back to an earlier code was not refused as recently used (${error?.code ?? 'accepted'})`);
  };

  // To hmac-sha256: both hosts at once, then the argon2id host goes away.
  const hmacHost = await open({ scheme: 'hmac-sha256', hashKey });
  await burst([argonHost, hmacHost], 'moving to hmac-sha256');
  await argonHost.close();
  await checkAll(hmacHost);
  await onlyIn('hmac-sha256', 'after the move to hmac-sha256');
  const history = (await hashesOf()).get(second.resourceId).previous;
  if (!history.some((hash) => hash.startsWith('$argon2id$'))) fail('the argon2id history was lost in the move');
  await refusedAsRecent(hmacHost, second, CODES[1], 'against an argon2id history');
  await (await hmacHost.clientFor(second.userId)).changePinCode({ currentPinCode: CODES[6], newPinCode: CODES[7] });
  code.set(second.userId, CODES[7]);

  // Back to argon2id: a host without the key cannot check what the data holds, so it must not start.
  const refusal = openWithoutKey ? await openWithoutKey() : undefined;
  const backHost = await open({ scheme: 'argon2id', hashKey });
  await burst([hmacHost, backHost], 'moving back to argon2id');
  await hmacHost.close();
  await checkAll(backHost);
  await onlyIn('argon2id', 'after the move back to argon2id');
  await refusedAsRecent(backHost, second, CODES[6], 'against a hmac-sha256 history');

  // Nothing lost: every wrong code counted once, every change on record, nobody locked.
  const backAdmin = await backHost.clientFor('ADMIN');
  const [failedAfter, changedAfter] = await Promise.all([
    recorded(backAdmin, 'failedAttempt'),
    recorded(backAdmin, 'changedByUser'),
  ]);
  for (const user of users) {
    const failed = failedAfter.get(user.userId) - failedBefore.get(user.userId);
    if (failed !== wrongSent.get(user.userId))
      fail(`${user.userId}: ${wrongSent.get(user.userId)} wrong codes sent, ${failed} on record`);
    const changes = changedAfter.get(user.userId) - changedBefore.get(user.userId);
    const expected = user === second ? 3 : 1;
    if (changes !== expected) fail(`${user.userId}: ${expected} changes made, ${changes} on record`);
    const setup = await backAdmin.getUserSetup(user.id);
    if (setup.lockedUntil !== null || setup.pinCodeStatus !== 'set')
      fail(`${user.userId} ended ${setup.pinCodeStatus}`);
  }
  await backHost.close();
  return { users: users.length, wrongCodes: [...wrongSent.values()].reduce((a, b) => a + b, 0), refusal };
}
