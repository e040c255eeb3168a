#!/usr/bin/env node
// `npm run host` / `mobile-flow-pin-host`: the server host for development, on a PGlite data directory (or the
// PostgreSQL server of DATABASE_URL), with the demo's users and development bearer tokens.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
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
import { identifyByDevelopmentToken, issueDevelopmentTokens } from './tokens.js';

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
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'mobile-flow-pin-host [--port 8787] [--host 127.0.0.1] [--data DIR] [--tokens-file FILE] [--device NAME]…\n' +
      '                     [--policy FILE] [--hash argon2id|hmac-sha256] [--hash-key-file FILE] [--test-hooks]\n' +
      'Serves the Mobile Flow PIN contract at http://HOST:PORT/api/mobileflow/v1.0 on a PGlite data directory,\n' +
      'or on the PostgreSQL server named by DATABASE_URL. Development identities only: see the README.\n' +
      '--policy FILE takes the PIN policy from a JSON file of pinPolicy fields (the rest keep their defaults).\n' +
      '--device NAME gives a device of that name a token of its own (only devices check PIN codes); repeat it for\n' +
      'several. Default: one device, "device".\n' +
      '--hash SCHEME makes new PIN code hashes argon2id (default) or hmac-sha256; codes in the other scheme are\n' +
      'hashed again at their next successful check. hmac-sha256 needs a key, base64 of at least 32 random bytes\n' +
      '(openssl rand -base64 32), from MF_PIN_HASH_KEY or --hash-key-file FILE; keep it out of the database.\n' +
      '--test-hooks also serves POST /test-hooks/clock {"advanceMs": n} and POST /test-hooks/fail-next-request,\n' +
      'for the conformance kit: for tests only.',
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
  if (!(error instanceof HashKeyProblem)) throw error;
  console.error(`--hash ${hashScheme}: ${error.message}`);
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
const tokens = await issueDevelopmentTokens(host.database, [
  ...users.map((row) => ({ userId: row.user_id })),
  ...[...new Set(devices)].map((device) => ({ device })),
]);
if (values['tokens-file'])
  writeFileSync(values['tokens-file'], `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });

const server = serve({ fetch: serveRequest, port: Number(values.port), hostname: values.host }, (info) => {
  const base = `http://${values.host}:${info.port}/api/mobileflow/v1.0`;
  console.log(`Mobile Flow PIN host: ${base}`);
  console.log(`Data: ${host.database.kind === 'postgres' ? 'the PostgreSQL server of DATABASE_URL' : database}`);
  console.log(
    `These are development identities: a bearer token per seeded user and one per device (${devices.join(', ')}). ` +
      'An integrator brings their own with createHostHandler({ identify }) from mobile-flow-pin/server.',
  );
  for (const [who, token] of Object.entries(tokens)) console.log(`  ${who.padEnd(8)} Authorization: Bearer ${token}`);
  if (values['tokens-file']) console.log(`Tokens written to ${values['tokens-file']}.`);
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
