import { PIN_CODE_STATUSES } from '../domain/index.js';
import {
  searchFold,
  type CredentialRecord,
  type DeviceRecord,
  type HostStorage,
  type IdempotencyRecord,
  type PinCodeEventRecord,
  type ResourceRecord,
  type UserSection,
  type UserSetupQuery,
  type UserSetupRecord,
  type UserWrite,
} from '../host/index.js';
import { filterSql, orderSql } from './filter-sql.js';
import type { SqlDatabase, SqlRunner } from './sql.js';

type Row = Record<string, unknown>;

/** A record's fields and their columns, in one list per table: the rows are read and written through it. */
const SETUP_COLUMNS = {
  id: 'id',
  userId: 'user_id',
  displayName: 'display_name',
  resourceNo: 'resource_no',
  resourceId: 'resource_id',
  passwordMandatory: 'password_mandatory',
  allowPinCode: 'allow_pin_code',
  pinCodeStatus: 'pin_code_status',
  pinCodeChangedAt: 'pin_code_changed_at',
  pinCodeChangedBy: 'pin_code_changed_by',
  temporaryPinCodeExpiresAt: 'temporary_pin_code_expires_at',
  lockedUntil: 'locked_until',
  administrator: 'administrator',
  failedAttempts: 'failed_attempts',
  expiryRecorded: 'expiry_recorded',
  version: 'version',
} as const satisfies Record<keyof UserSetupRecord, string>;
const RESOURCE_COLUMNS = {
  id: 'id',
  number: 'number',
  name: 'name',
  pinCodeStatus: 'pin_code_status',
  pinCodeChangedAt: 'pin_code_changed_at',
  pinCodeChangedBy: 'pin_code_changed_by',
  version: 'version',
} as const satisfies Record<keyof ResourceRecord, string>;
const CREDENTIAL_COLUMNS = {
  resourceId: 'resource_id',
  salt: 'salt',
  pinCodeHash: 'pin_code_hash',
  temporary: 'temporary',
  expiresAt: 'expires_at',
  previousHashes: 'previous_hashes',
} as const satisfies Record<keyof CredentialRecord, string>;

const recordOf = <T>(row: Row | undefined, columns: Record<string, string>): T | undefined =>
  row && (Object.fromEntries(Object.entries(columns).map(([field, name]) => [field, row[name]])) as T);

/** What only the queries read: the sort name, the status's rank and the folded search texts. */
const queryColumns = (setup: UserSetupRecord) => ({
  sort_name: setup.displayName.toLowerCase(),
  status_rank: PIN_CODE_STATUSES.indexOf(setup.pinCodeStatus),
  search_user_id: searchFold(setup.userId),
  search_display_name: searchFold(setup.displayName),
  search_resource_no: searchFold(setup.resourceNo ?? ''),
});

/** `INSERT … ON CONFLICT (key) DO UPDATE`: a whole row, written whether it is new or not. */
function upsert(sql: SqlRunner, table: string, key: string, values: Record<string, unknown>) {
  const names = Object.keys(values);
  const placeholders = names.map((_, i) => `$${i + 1}`);
  const updates = names.filter((name) => name !== key).map((name) => `${name} = EXCLUDED.${name}`);
  return sql.query(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${updates.join(', ')}`,
    Object.values(values),
  );
}

const columnsOf = (record: object, columns: Record<string, string>) =>
  Object.fromEntries(Object.entries(columns).map(([field, name]) => [name, (record as Row)[field]]));

/** The tables a seed fills. */
const SEEDED_TABLES = ['user_setups', 'resources', 'credentials', 'pin_code_events'];
/** From this many users on, a seed loads the tables bare and builds their indexes afterwards. */
const BULK_LOAD_USERS = 10_000;

/**
 * Writes the user setups, their Resource cards, credentials and events of a seed. A large seed drops the seeded
 * tables' indexes and unique constraints first and builds them again from their own definitions once the rows are in,
 * as PostgreSQL's "Populating a Database" advises: a million users put row by row into eight B-trees and three
 * trigram indexes took half an hour on PGlite, loaded bare and indexed at the end about five minutes. The schema that
 * comes out is the same (a test compares it with a small seed's), and the unique constraints still check every row.
 */
export async function writeSeededUsers(
  sql: SqlRunner,
  users: Array<{
    setup: UserSetupRecord;
    resource?: ResourceRecord;
    credential?: CredentialRecord;
    events: PinCodeEventRecord[];
  }>,
): Promise<void> {
  const rebuild = users.length >= BULK_LOAD_USERS ? await dropIndexes(sql, SEEDED_TABLES) : undefined;
  const rows = (pick: (user: (typeof users)[number]) => Array<Record<string, unknown>>) => users.flatMap(pick);
  await insertRows(
    sql,
    'user_setups',
    rows((user) => [{ ...columnsOf(user.setup, SETUP_COLUMNS), ...queryColumns(user.setup) }]),
  );
  await insertRows(
    sql,
    'resources',
    rows((user) => (user.resource ? [columnsOf(user.resource, RESOURCE_COLUMNS)] : [])),
  );
  await insertRows(
    sql,
    'credentials',
    rows((user) => (user.credential ? [columnsOf(user.credential, CREDENTIAL_COLUMNS)] : [])),
  );
  await insertRows(
    sql,
    'pin_code_events',
    rows((user) =>
      user.events.map((event) => ({
        user_setup_id: event.userSetupId,
        type: event.type,
        at: event.at,
        actor: event.actor,
        actor_user_id: event.actorUserId,
      })),
    ),
  );
  await rebuild?.();
}

/**
 * Drops the indexes and unique constraints of `tables` (in the caller's transaction) and gives back what builds them
 * again, each from the definition PostgreSQL reports for it.
 */
async function dropIndexes(sql: SqlRunner, tables: string[]): Promise<() => Promise<void>> {
  const constraints = await sql.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('p', 'u') ORDER BY oid`,
    [tables],
  );
  const indexes = await sql.query<{ name: string; definition: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
       FROM pg_index WHERE indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid) ORDER BY indexrelid`,
    [tables],
  );
  for (const { name } of indexes) await sql.query(`DROP INDEX ${name}`);
  for (const { table, name } of constraints) await sql.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  return async () => {
    // Room to sort a million keys in memory (the default 64 MB spills to disk); for this transaction only.
    await sql.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const { table, name, definition } of constraints) {
      await sql.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`);
    }
    for (const { definition } of indexes) await sql.query(definition);
  };
}

/**
 * Inserts rows of one shape, 10 000 a statement, each batch one JSON parameter that `json_populate_recordset` reads
 * into the table's own column types: binding 21 parameters a row cost PGlite more than the insert did.
 */
async function insertRows(sql: SqlRunner, table: string, rows: Array<Record<string, unknown>>) {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]).join(', ');
  for (let start = 0; start < rows.length; start += 10_000) {
    await sql.query(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json)`,
      [JSON.stringify(rows.slice(start, start + 10_000))],
    );
  }
}

/** Writes a setup the section read: it exists, so this is an UPDATE of its row. */
function updateSetup(sql: SqlRunner, setup: UserSetupRecord) {
  const values = { ...columnsOf(setup, SETUP_COLUMNS), ...queryColumns(setup) };
  const names = Object.keys(values).filter((name) => name !== 'id');
  return sql.query(`UPDATE user_setups SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE id = $1`, [
    setup.id,
    ...names.map((name) => values[name as keyof typeof values]),
  ]);
}

const writeCredential = (sql: SqlRunner, credential: CredentialRecord) =>
  upsert(sql, 'credentials', 'resource_id', {
    ...columnsOf(credential, CREDENTIAL_COLUMNS),
    previous_hashes: JSON.stringify(credential.previousHashes),
  });

const insertEvent = (sql: SqlRunner, event: PinCodeEventRecord) =>
  sql.query('INSERT INTO pin_code_events (user_setup_id, type, at, actor, actor_user_id) VALUES ($1, $2, $3, $4, $5)', [
    event.userSetupId,
    event.type,
    event.at,
    event.actor,
    event.actorUserId,
  ]);

/**
 * The host core's storage port over PostgreSQL (PGlite or a server). A section is a transaction that locks the user's
 * row (`SELECT … FOR UPDATE`) before it reads anything: two processes on one database take turns per user, and what a
 * section decides on is what it stores its result over.
 */
export class PostgresStorage implements HostStorage {
  constructor(private readonly db: SqlDatabase) {}

  private async one<T>(text: string, params: unknown[], columns: Record<string, string>, sql: SqlRunner = this.db) {
    return recordOf<T>((await sql.query(text, params))[0], columns);
  }

  userSetup(id: string) {
    return this.one<UserSetupRecord>('SELECT * FROM user_setups WHERE id = $1', [id], SETUP_COLUMNS);
  }

  userSetupByUserId(userId: string) {
    return this.one<UserSetupRecord>('SELECT * FROM user_setups WHERE user_id = $1', [userId], SETUP_COLUMNS);
  }

  userSetupByResourceId(resourceId: string) {
    return this.one<UserSetupRecord>('SELECT * FROM user_setups WHERE resource_id = $1', [resourceId], SETUP_COLUMNS);
  }

  resource(id: string) {
    return this.one<ResourceRecord>('SELECT * FROM resources WHERE id = $1', [id], RESOURCE_COLUMNS);
  }

  async pinCodeEvents(userSetupId: string): Promise<PinCodeEventRecord[]> {
    const rows = await this.db.query(
      'SELECT id, user_setup_id, type, at, actor, actor_user_id FROM pin_code_events WHERE user_setup_id = $1 ORDER BY id DESC',
      [userSetupId],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      userSetupId: row.user_setup_id as string,
      type: row.type as PinCodeEventRecord['type'],
      at: row.at as string,
      actor: row.actor as PinCodeEventRecord['actor'],
      actorUserId: row.actor_user_id as string | null,
    }));
  }

  async listUserSetups(query: UserSetupQuery) {
    const params: unknown[] = [];
    const where = query.filter ? `WHERE ${filterSql(query.filter, query.now, params)}` : '';
    // The count only when asked for: a search that matches 60 000 of a million users costs ten times its page to count.
    // And no page for `$top=0` (the table asks so for the count alone): one query less behind PGlite's one at a time.
    const [rows, counted] = await Promise.all([
      query.top > 0
        ? this.db.query(
            `SELECT * FROM user_setups ${where} ORDER BY ${orderSql(query)} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
            [...params, query.top, query.skip],
          )
        : [],
      query.count
        ? this.db.query<{ count: string | number }>(
            where ? `SELECT count(*) AS count FROM user_setups ${where}` : 'SELECT n AS count FROM user_setup_count',
            params,
          )
        : undefined,
    ]);
    return {
      records: rows.map((row) => recordOf<UserSetupRecord>(row, SETUP_COLUMNS)!),
      count: counted && Number(counted[0].count),
    };
  }

  withUserSection<T>(
    id: string,
    work: (section: UserSection) => Promise<T>,
    { device: deviceName }: { device?: string } = {},
  ): Promise<T | undefined> {
    return this.db.transaction(async (sql) => {
      const setup = await this.one<UserSetupRecord>(
        'SELECT * FROM user_setups WHERE id = $1 FOR UPDATE',
        [id],
        SETUP_COLUMNS,
        sql,
      );
      if (!setup) return undefined;
      const [resource, credentialRow] = setup.resourceId
        ? await Promise.all([
            this.one<ResourceRecord>(
              'SELECT * FROM resources WHERE id = $1',
              [setup.resourceId],
              RESOURCE_COLUMNS,
              sql,
            ),
            sql.query('SELECT * FROM credentials WHERE resource_id = $1', [setup.resourceId]),
          ])
        : [undefined, []];
      const credential = recordOf<CredentialRecord>(credentialRow[0], CREDENTIAL_COLUMNS);
      // The device's row is locked after the user's, never before: no two transactions wait for each other in a circle.
      let device: DeviceRecord | undefined;
      if (deviceName !== undefined) {
        await sql.query('INSERT INTO devices (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [deviceName]);
        const [row] = await sql.query<{ failures: string[]; held_for: string[] }>(
          'SELECT failures, held_for FROM devices WHERE name = $1 FOR UPDATE',
          [deviceName],
        );
        device = { name: deviceName, failures: row.failures, heldFor: row.held_for };
      }
      let committed = false;
      return work({
        setup,
        resource,
        credential,
        ...(device && { device }),
        idempotencyRecord: async (key) => {
          const [row] = await sql.query('SELECT key, fingerprint, status, body, at FROM idempotency WHERE key = $1', [
            key,
          ]);
          return row as unknown as IdempotencyRecord | undefined;
        },
        commit: async (write: UserWrite) => {
          if (committed) throw new Error('A section commits once.');
          committed = true;
          if (write.setup) await updateSetup(sql, write.setup);
          if (write.resource) await upsert(sql, 'resources', 'id', columnsOf(write.resource, RESOURCE_COLUMNS));
          if (write.credential) await writeCredential(sql, write.credential);
          for (const event of write.events ?? []) await insertEvent(sql, event);
          if (write.idempotency) {
            const { key, fingerprint, status, body, at } = write.idempotency;
            await upsert(sql, 'idempotency', 'key', { key, fingerprint, status, body: JSON.stringify(body), at });
          }
          if (write.device) {
            await sql.query('UPDATE devices SET failures = $2, held_for = $3 WHERE name = $1', [
              write.device.name,
              JSON.stringify(write.device.failures),
              JSON.stringify(write.device.heldFor),
            ]);
          }
        },
      });
    });
  }
}

/** A user the host has, as provisioning reads them: their setup and their Resource card, if they have one. */
export interface StoredUser {
  setup: UserSetupRecord;
  resource?: ResourceRecord;
}

/**
 * The users of `userIds` the database has, each with their row locked (`FOR UPDATE`, as a section locks it), in the
 * order of their ids: an action on one of them waits for the caller's transaction, and the caller for the action.
 */
export async function lockUsers(sql: SqlRunner, userIds: string[]): Promise<Map<string, StoredUser>> {
  const setups = (
    await sql.query('SELECT * FROM user_setups WHERE user_id = ANY($1) ORDER BY user_id FOR UPDATE', [userIds])
  ).map((row) => recordOf<UserSetupRecord>(row, SETUP_COLUMNS)!);
  const resourceIds = setups.flatMap((setup) => (setup.resourceId ? [setup.resourceId] : []));
  const resources = (await sql.query('SELECT * FROM resources WHERE id = ANY($1)', [resourceIds])).map((row) =>
    recordOf<ResourceRecord>(row, RESOURCE_COLUMNS)!,
  );
  return new Map(
    setups.map((setup) => [setup.userId, { setup, resource: resources.find((card) => card.id === setup.resourceId) }]),
  );
}

/** Whose Resource card each of `numbers` is, of those the database has. */
export async function resourceHolders(sql: SqlRunner, numbers: string[]): Promise<Map<string, string>> {
  const rows = await sql.query<{ number: string; user_id: string }>(
    'SELECT r.number, s.user_id FROM resources r JOIN user_setups s ON s.resource_id = r.id WHERE r.number = ANY($1)',
    [numbers],
  );
  return new Map(rows.map((row) => [row.number, row.user_id]));
}

/**
 * Writes what provisioning changed of a user the host has: their setup, and their Resource card given, renamed or
 * renumbered, or taken away with the PIN code it held (`removedResourceId`).
 */
export async function writeUserChanges(
  sql: SqlRunner,
  { setup, resource, removedResourceId }: StoredUser & { removedResourceId?: string },
): Promise<void> {
  if (removedResourceId) {
    await sql.query('DELETE FROM credentials WHERE resource_id = $1', [removedResourceId]);
    await sql.query('DELETE FROM resources WHERE id = $1', [removedResourceId]);
  }
  await updateSetup(sql, setup);
  if (resource) await upsert(sql, 'resources', 'id', columnsOf(resource, RESOURCE_COLUMNS));
}

/**
 * Deletes users and everything of theirs: the setup, the Resource card and its credential, the history, and the
 * Idempotency-Key records of the requests they sent and of those about them (a scoped key's first line is who sent
 * it, its third the setup it acted on).
 */
export async function deleteUsers(sql: SqlRunner, setups: UserSetupRecord[]): Promise<void> {
  const ids = setups.map((setup) => setup.id);
  const resourceIds = setups.flatMap((setup) => (setup.resourceId ? [setup.resourceId] : []));
  await sql.query('DELETE FROM credentials WHERE resource_id = ANY($1)', [resourceIds]);
  await sql.query('DELETE FROM resources WHERE id = ANY($1)', [resourceIds]);
  await sql.query('DELETE FROM pin_code_events WHERE user_setup_id = ANY($1)', [ids]);
  await sql.query(
    `DELETE FROM idempotency WHERE split_part(key, E'\\n', 3) = ANY($1) OR split_part(key, E'\\n', 1) = ANY($2)`,
    [ids, setups.map((setup) => `user ${setup.userId}`)],
  );
  await sql.query('DELETE FROM user_setups WHERE id = ANY($1)', [ids]);
}
