#!/usr/bin/env node
// `npm run host` / `mobile-flow-pin-host`: the server host for development, on a PGlite data directory (or the
// PostgreSQL server of DATABASE_URL), with the demo's users and development bearer tokens.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { DEFAULT_PIN_POLICY, resolvePinPolicy, type PinPolicy } from '../domain/index.js';
import {
  failedOnPurposeResponse,
  HashKeyProblem,
  PIN_HASH_SCHEMES,
  readHashKey,
  type PinHashScheme,
} from '../host/index.js';
import { createHostHandler } from './handler.js';
import { answerMalformedRequests } from './malformed-http.js';
import { importPeer, MissingPackage } from './peers.js';
import { identifyByDevelopmentToken, issueDevelopmentTokens } from './tokens.js';
import type { ConformanceConfig } from '../conformance/config.js';

// `mobile-flow-pin-host users import FILE` / `users remove ID…`: the host's users from its own system, then exit.
if (process.argv[2] === 'users') {
  const { runUsersCommand } = await import('./users-command.js');
  process.exit(await runUsersCommand(process.argv.slice(3)));
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './mobile-flow-pin-data' },
    'tokens-file': { type: 'string' },
    device: { type: 'string', multiple: true, default: ['device'] },
    policy: { type: 'string' },
    hash: { type: 'string', default: 'argon2id' },
    'hash-key-file': { type: 'string' },
    'test-hooks': { type: 'boolean', default: false },
    'conformance-config': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'mobile-flow-pin-host [--port 8787] [--host 127.0.0.1] [--data DIR] [--tokens-file FILE] [--device NAME]…\n' +
      '                     [--policy FILE] [--hash argon2id|hmac-sha256] [--hash-key-file FILE] [--test-hooks]\n' +
      '                     [--conformance-config FILE]\n' +
      'mobile-flow-pin-host users import FILE | users remove USER_ID…   (users --help says more)\n' +
      'Serves the Mobile Flow PIN contract at http://HOST:PORT/api/mobileflow/v1.0 on a PGlite data directory,\n' +
      'or on the PostgreSQL server named by DATABASE_URL. Development identities only: see the README.\n' +
      '--policy FILE takes the PIN policy from a JSON file of pinPolicy fields (the rest keep their defaults).\n' +
      '--device NAME gives a device of that name a token of its own (only devices check PIN codes); repeat it for\n' +
      'several. Default: one device, "device".\n' +
      '--hash SCHEME makes new PIN code hashes argon2id (default) or hmac-sha256; codes in the other scheme are\n' +
      'hashed again at their next successful check. hmac-sha256 needs a key, base64 of at least 32 random bytes\n' +
      '(openssl rand -base64 32), from MF_PIN_HASH_KEY or --hash-key-file FILE; keep it out of the database.\n' +
      '--test-hooks also serves POST /test-hooks/clock {"advanceMs": n} and POST /test-hooks/fail-next-request,\n' +
      'for the conformance kit: for tests only.\n' +
      '--conformance-config FILE writes a conformance kit config for this host with the tokens it prints: an\n' +
      'administrator, two users with a Resource card, a device (and the test hooks with --test-hooks).',
  );
  process.exit(0);
}

const devices = values.device;
for (const name of devices) {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(name)) {
    console.error(`--device ${JSON.stringify(name)}: a device's name is 1 to 40 letters, digits or . _ -`);
    process.exit(2);
  }
}

/** The PIN policy of `--policy FILE`, checked against the contract's limits; a file that will not do ends the start. */
function policyFrom(file: string): PinPolicy {
  const refuse = (why: string): never => {
    console.error(`--policy ${file}: ${why}`);
    process.exit(2);
  };
  let fields: unknown;
  try {
    fields = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return refuse(
      error instanceof SyntaxError ? `not JSON (${error.message}).` : `cannot be read (${(error as Error).message}).`,
    );
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields))
    return refuse('must be a JSON object of pinPolicy fields, e.g. {"maxFailedAttempts": 5}.');
  const unknown = Object.keys(fields).filter((name) => !(name in DEFAULT_PIN_POLICY));
  if (unknown.length)
    return refuse(
      `${unknown.join(', ')}: no such pinPolicy field; the fields are ${Object.keys(DEFAULT_PIN_POLICY).join(', ')}.`,
    );
  try {
    return resolvePinPolicy(fields as Partial<PinPolicy>);
  } catch (error) {
    return refuse((error as Error).message);
  }
}
const policy = values.policy === undefined ? undefined : policyFrom(values.policy);

if (!(PIN_HASH_SCHEMES as readonly string[]).includes(values.hash)) {
  console.error(`--hash ${JSON.stringify(values.hash)}: the schemes are ${PIN_HASH_SCHEMES.join(' and ')}.`);
  process.exit(2);
}
const hashScheme = values.hash as PinHashScheme;

/** The hash key of `--hash-key-file FILE`, else MF_PIN_HASH_KEY's; checked at once, so a bad one ends the start. */
function hashKeyFrom(file: string | undefined): string | undefined {
  let key = process.env.MF_PIN_HASH_KEY || undefined;
  const where = file === undefined ? 'MF_PIN_HASH_KEY' : `--hash-key-file ${file}`;
  try {
    if (file !== undefined) key = readFileSync(file, 'utf8').trim();
    if (key !== undefined) readHashKey(key);
  } catch (error) {
    console.error(
      `${where}: ${error instanceof HashKeyProblem ? error.message : `cannot be read (${(error as Error).message}).`}`,
    );
    process.exit(2);
  }
  return key;
}
const hashKey = hashKeyFrom(values['hash-key-file']);

// The HTTP server first: a package missing is said before anything starts.
const { serve } = await importPeer<typeof import('@hono/node-server')>('@hono/node-server').catch((error: unknown) => {
  if (!(error instanceof MissingPackage)) throw error;
  console.error(error.message);
  return process.exit(2);
});

const database = process.env.DATABASE_URL || values.data;
let identify: ReturnType<typeof identifyByDevelopmentToken> = async () => null;
// Test hooks: the host's clock runs `clockOffset` ahead of the real one, and a request can be made to fail.
const testHooks = values['test-hooks'];
let clockOffset = 0;
let failNextRequest = false;
const host = await createHostHandler({
  database,
  seed: 'demo',
  policy,
  hashScheme,
  hashKey,
  identify: (request) => identify(request),
  ...(testHooks && { now: () => new Date(Date.now() + clockOffset) }),
}).catch((error: unknown) => {
  if (error instanceof MissingPackage) console.error(error.message);
  else if (error instanceof HashKeyProblem) console.error(`--hash ${hashScheme}: ${error.message}`);
  else throw error;
  process.exit(2);
});
identify = identifyByDevelopmentToken(host.database);

/** `POST /test-hooks/clock` and `/test-hooks/fail-next-request`, for a caller with a development token. */
async function testHook(request: Request, path: string): Promise<Response> {
  if (request.method !== 'POST' || !(await identify(request)))
    return Response.json({ error: 'POST, with a development bearer token.' }, { status: 403 });
  if (path === 'fail-next-request') {
    failNextRequest = true;
    return Response.json({ failNextRequest });
  }
  const advanceMs = ((await request.json().catch(() => ({}))) as { advanceMs?: unknown }).advanceMs;
  if (path !== 'clock' || !Number.isInteger(advanceMs) || (advanceMs as number) < 0)
    return Response.json({ error: 'POST /test-hooks/clock {"advanceMs": a whole number ≥ 0}' }, { status: 400 });
  clockOffset += advanceMs as number;
  return Response.json({ now: new Date(Date.now() + clockOffset).toISOString() });
}

const serveRequest = async (request: Request): Promise<Response> => {
  if (!testHooks) return host(request);
  const path = new URL(request.url).pathname;
  if (path.startsWith('/test-hooks/')) return testHook(request, path.slice('/test-hooks/'.length));
  if (!failNextRequest) return host(request);
  failNextRequest = false;
  return failedOnPurposeResponse();
};
const users = await host.database.query<{ user_id: string }>('SELECT user_id FROM user_setups ORDER BY user_id');
const clash = devices.find((name) => users.some((row) => row.user_id === name));
if (clash) {
  console.error(`--device ${clash}: there is a user ${clash}; give the device another name.`);
  await host.close();
  process.exit(2);
}
/**
 * Who the conformance kit runs as here: an administrator (ADMIN, where there is one) and two plain users with a
 * Resource card and PIN codes allowed, those who have never held a PIN code first (ANNA and FREJA on the demo's data).
 */
async function conformanceUsers(file: string) {
  const [administrator] = await host.database.query<{ user_id: string }>(
    "SELECT user_id FROM user_setups WHERE administrator ORDER BY user_id <> 'ADMIN', user_id LIMIT 1",
  );
  const plain = await host.database.query<{ user_id: string }>(
    `SELECT user_id FROM user_setups
      WHERE NOT administrator AND resource_id IS NOT NULL AND allow_pin_code AND NOT password_mandatory
      ORDER BY pin_code_status <> 'notSet', user_id LIMIT 2`,
  );
  if (administrator && plain.length === 2)
    return { administrator: administrator.user_id, user: plain[0].user_id, otherUser: plain[1].user_id };
  console.error(
    `--conformance-config ${file}: the kit needs an administrator and two users with a Resource card, PIN codes ` +
      `allowed and Password mandatory off; this database has ${administrator ? 'an administrator' : 'no administrator'} ` +
      `and ${plain.length} such user${plain.length === 1 ? '' : 's'}. Add them with: mobile-flow-pin-host users import FILE`,
  );
  await host.close();
  return process.exit(2);
}
const conformance = values['conformance-config'];
const kitUsers = conformance === undefined ? undefined : await conformanceUsers(conformance);

const tokens = await issueDevelopmentTokens(host.database, [
  ...users.map((row) => ({ userId: row.user_id })),
  ...[...new Set(devices)].map((device) => ({ device })),
]);
if (values['tokens-file'])
  writeFileSync(values['tokens-file'], `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });

/** A conformance kit config for this host at `base` (README, "Proving your host"), with the tokens just issued. */
function conformanceConfig(base: string, users: NonNullable<typeof kitUsers>): ConformanceConfig {
  const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  return {
    baseUrl: base,
    identities: {
      administrator: { userId: users.administrator, headers: bearer(users.administrator) },
      user: { userId: users.user, headers: bearer(users.user) },
      otherUser: { userId: users.otherUser, headers: bearer(users.otherUser) },
      device: { headers: bearer(devices[0]) },
    },
    ...(testHooks && { testHooks: { url: new URL('/test-hooks', base).href, headers: bearer(users.administrator) } }),
  };
}

const server = serve({ fetch: serveRequest, port: Number(values.port), hostname: values.host }, (info) => {
  const base = `http://${values.host}:${info.port}/api/mobileflow/v1.0`;
  // Written before the host says where it is, so that whoever waits for that line finds the file complete.
  if (conformance !== undefined && kitUsers)
    writeFileSync(conformance, `${JSON.stringify(conformanceConfig(base, kitUsers), null, 2)}\n`, { mode: 0o600 });
  console.log(`Mobile Flow PIN host: ${base}`);
  console.log(`Data: ${host.database.kind === 'postgres' ? 'the PostgreSQL server of DATABASE_URL' : database}`);
  console.log(
    `These are development identities: a bearer token per seeded user and one per device (${devices.join(', ')}). ` +
      'An integrator brings their own with createHostHandler({ identify }) from mobile-flow-pin/server.',
  );
  for (const [who, token] of Object.entries(tokens)) console.log(`  ${who.padEnd(8)} Authorization: Bearer ${token}`);
  if (values['tokens-file']) console.log(`Tokens written to ${values['tokens-file']}.`);
  if (kitUsers)
    console.log(
      `Conformance kit config written to ${conformance} (administrator ${kitUsers.administrator}, users ` +
        `${kitUsers.user} and ${kitUsers.otherUser}, device ${devices[0]}): npx mobile-flow-pin-conformance --config ${conformance}`,
    );
  if (policy) console.log(`PIN policy from ${values.policy}: ${JSON.stringify(policy)}`);
  console.log(
    hashScheme === 'argon2id'
      ? 'PIN codes are hashed with argon2id.'
      : `PIN codes are hashed with hmac-sha256 under the key of ${values['hash-key-file'] ? `--hash-key-file ${values['hash-key-file']}` : 'MF_PIN_HASH_KEY'}.`,
  );
  if (testHooks)
    console.log(
      `Test hooks on at http://${values.host}:${info.port}/test-hooks: anyone with a token can move this host's clock ` +
        'or fail its next request. For tests only.',
    );
});

// A header with a control character never reaches the handler: Node's parser refuses it. It still gets the contract's 400.
answerMalformedRequests(server as Server);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping.`);
  server.close(() => void host.close().then(() => process.exit(0)));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
