import { randomBytes } from 'node:crypto';
import { resolvePinPolicy, type PinPolicy } from '../domain/index.js';
import {
  answerEnvelopeCall,
  createHostCore,
  ENVELOPE_ENDPOINT,
  seededUsers,
  HashKeyProblem,
  readHashKey,
  type Argon2idCost,
  type HostHandler,
  type Identity,
  type PinHashScheme,
  type SeedOptions,
} from '../host/index.js';
import { createNativeHasher } from './native-hasher.js';
import { PostgresStorage, writeSeededUsers } from './postgres-storage.js';
import { userProvisioning, type UserProvisioning } from './provisioning.js';
import { migrate } from './schema.js';
import { openSqlDatabase, type SqlDatabase } from './sql.js';

export interface HostHandlerOptions {
  /**
   * Where the data lives: a PGlite data directory on disk (default `./mobile-flow-pin-data`), `memory://` for an
   * embedded database in memory, a `postgres://` URL for a PostgreSQL server, or an open `SqlDatabase`.
   */
  database?: string | SqlDatabase;
  /**
   * Who sent the request: the integrator's own session or token check. `null` answers 401; a user the host has not
   * been given (`host.users.upsert`) is answered 403, not set up in Mobile Flow.
   */
  identify(request: Request): Identity | null | Promise<Identity | null>;
  /** The PIN policy; what is left out has the contract's default. */
  policy?: Partial<PinPolicy>;
  /** The host's clock. Default: the real one. */
  now?: () => Date;
  /** Where the contract is served. Default `/api/mobileflow/v1.0`. */
  basePath?: string;
  /**
   * What an empty database is filled with. Default `'empty'`; the command's development host seeds `'demo'`. A
   * database that already has users (given with `host.users.upsert`) is never seeded.
   */
  seed?: SeedOptions['seed'];
  /**
   * The key of the Idempotency-Key body fingerprints (base64, 32 bytes). Keep it out of the database in production and
   * the same for every process; without one, a key is made once and kept in the database's `meta` table.
   */
  fingerprintKey?: string;
  /**
   * argon2id's cost for new hashes. Default OWASP's minimum (19 MiB, 2 passes); a lighter one makes stolen hashes
   * cheaper to guess, and is for tests that are not about the hash.
   */
  argon2idCost?: Argon2idCost;
  /**
   * The scheme new PIN code hashes are made in: `argon2id` (default) or `hmac-sha256`. Codes stored in the other are
   * still checked, and hashed again in this one in the write of their next successful check (promise 1).
   */
  hashScheme?: PinHashScheme;
  /**
   * The hmac-sha256 key: base64 of at least 32 random bytes, kept outside the database (a secret store, a file only
   * the host reads). Default: the environment's `MF_PIN_HASH_KEY`. Needed with `hashScheme: 'hmac-sha256'`, and while
   * the database still holds hmac-sha256 hashes; the host will not start without it then.
   */
  hashKey?: string;
}

/**
 * The host contract served from a database: a fetch-standard handler, `users` to give it the users of the host's own
 * system, and `close()` to let go of the database.
 */
export interface ServerHost extends HostHandler {
  /** Adds, updates and removes users with their Resource cards: `host.users.upsert([...])`, `host.users.remove([...])`. */
  readonly users: UserProvisioning;
  close(): Promise<void>;
  readonly database: SqlDatabase;
  readonly policy: PinPolicy;
}

/** The key of this database's fingerprints, made by the first process and shared by every later one. */
async function storedFingerprintKey(db: SqlDatabase): Promise<string> {
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
    'fingerprintKey',
    randomBytes(32).toString('base64'),
  ]);
  const [row] = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', ['fingerprintKey']);
  return row.value;
}

/**
 * What is wrong with the hash key given, or with giving none for `scheme`: known before any database is opened, so a
 * start that cannot succeed ends at once, not after the seconds a PGlite takes to open.
 */
function requireUsableHashKey(scheme: PinHashScheme, hashKey: string | undefined): void {
  if (hashKey !== undefined) readHashKey(hashKey);
  else if (scheme === 'hmac-sha256')
    throw new HashKeyProblem(
      'Hashing PIN codes with hmac-sha256 needs a hash key: set MF_PIN_HASH_KEY (or hashKey) to base64 of at least 32 random bytes.',
    );
}

/** A host without a hash key: refused when the database holds hmac-sha256 hashes it could not check. */
async function requireNoHashKeyNeeded(database: SqlDatabase): Promise<void> {
  const [held] = await database.query<{ count: string }>(
    `SELECT count(*) AS count FROM credentials WHERE pin_code_hash LIKE '$hmac-sha256$%'
       OR previous_hashes::text LIKE '%$hmac-sha256$%'`,
  );
  const users = Number(held.count);
  if (users > 0)
    throw new HashKeyProblem(
      `The database holds hmac-sha256 PIN code hashes of ${users} user${users === 1 ? '' : 's'}, which this host cannot check without the hash key: set MF_PIN_HASH_KEY (or hashKey).`,
    );
}

/**
 * The host core on PostgreSQL with native argon2id, as a fetch-standard `(Request) => Promise<Response>` for any
 * server (`@hono/node-server`, `srvx`, Deno, Bun, workers). Migrates the database on start and seeds it when empty.
 */
export async function createHostHandler(options: HostHandlerOptions): Promise<ServerHost> {
  const policy = resolvePinPolicy(options.policy);
  const now = options.now ?? (() => new Date());
  const hashKey = options.hashKey ?? (process.env.MF_PIN_HASH_KEY || undefined);
  const scheme = options.hashScheme ?? 'argon2id';
  requireUsableHashKey(scheme, hashKey);
  const database =
    typeof options.database === 'object'
      ? options.database
      : await openSqlDatabase(options.database ?? './mobile-flow-pin-data');
  await migrate(database);
  let hasher;
  try {
    if (hashKey === undefined) await requireNoHashKeyNeeded(database);
    hasher = await createNativeHasher(options.fingerprintKey ?? (await storedFingerprintKey(database)), {
      scheme,
      argon2idCost: options.argon2idCost,
      hashKey,
    });
  } catch (error) {
    // A database this call opened is let go of; one it was given stays its owner's.
    if (typeof options.database !== 'object') await database.close();
    throw error;
  }
  const seed = options.seed ?? 'empty';
  if (seed !== 'empty') {
    await database.transaction(async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock(7402)');
      const [seeded] = await sql.query('SELECT 1 FROM meta WHERE key = $1', ['seededAt']);
      const [provisioned] = await sql.query('SELECT 1 FROM user_setups LIMIT 1');
      if (seeded || provisioned) return;
      const users = await seededUsers({
        seed,
        hasher,
        now: now(),
        temporaryTtlHours: policy.temporaryTtlHours,
        lockoutMinutes: policy.lockoutMinutes,
      });
      await writeSeededUsers(sql, users);
      await sql.query('INSERT INTO meta (key, value) VALUES ($1, $2)', ['seededAt', now().toISOString()]);
    });
    // Fresh statistics for the planner, a visibility map for index-only scans, and hint bits set, after a seed of any
    // size: of every table it filled, so that neither the first reads nor autovacuum write a million rows again later.
    await database.query('VACUUM ANALYZE user_setups, resources, credentials, pin_code_events');
  }
  const basePath = (options.basePath ?? '/api/mobileflow/v1.0').replace(/\/+$/, '');
  const handle = createHostCore({
    storage: new PostgresStorage(database),
    hasher,
    identify: options.identify,
    policy,
    now,
    basePath,
  });
  // The contract at basePath, and in an envelope at Business Central's codeunit web service path (ENVELOPE_ENDPOINT).
  const serve = (request: Request) =>
    new URL(request.url).pathname === ENVELOPE_ENDPOINT
      ? answerEnvelopeCall(request, handle, basePath)
      : handle(request);
  return Object.assign(serve, {
    users: userProvisioning(database),
    close: () => database.close(),
    database,
    policy,
  });
}
