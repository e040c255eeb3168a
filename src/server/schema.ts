import type { SqlDatabase } from './sql.js';

/**
 * The schema's migrations, one per version: migration i takes a database at version i to version i + 1. They run on
 * start; add one to change the schema, never edit one that has shipped. Dates are ISO 8601 texts in UTC with
 * milliseconds, as the contract writes them, so that they compare as texts; sortable texts use the "C" collation, so
 * that every host orders them the same way, whatever the server's locale.
 */
export const MIGRATIONS: ReadonlyArray<readonly string[]> = [
  splitStatements(`
  CREATE TABLE user_setups (
    id text PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL UNIQUE,
    display_name text NOT NULL,
    resource_no text COLLATE "C",
    resource_id text UNIQUE,
    password_mandatory boolean NOT NULL,
    allow_pin_code boolean NOT NULL,
    pin_code_status text NOT NULL,
    pin_code_changed_at text COLLATE "C",
    pin_code_changed_by text,
    temporary_pin_code_expires_at text COLLATE "C",
    locked_until text COLLATE "C",
    administrator boolean NOT NULL,
    failed_attempts integer NOT NULL,
    expiry_recorded boolean NOT NULL,
    version integer NOT NULL,
    sort_name text COLLATE "C" NOT NULL,
    status_rank smallint NOT NULL,
    search_user_id text NOT NULL,
    search_display_name text NOT NULL,
    search_resource_no text NOT NULL
  );
  CREATE INDEX user_setups_by_name ON user_setups (sort_name, user_id);
  CREATE INDEX user_setups_by_resource_no ON user_setups (resource_no NULLS FIRST, user_id);
  CREATE INDEX user_setups_by_status ON user_setups (status_rank, pin_code_changed_at NULLS FIRST, user_id);
  CREATE INDEX user_setups_by_changed_at ON user_setups (pin_code_changed_at NULLS FIRST, user_id);
  CREATE TABLE resources (
    id text PRIMARY KEY,
    number text NOT NULL UNIQUE,
    name text NOT NULL,
    pin_code_status text NOT NULL,
    pin_code_changed_at text,
    pin_code_changed_by text,
    version integer NOT NULL
  );
  CREATE TABLE credentials (
    resource_id text PRIMARY KEY,
    salt text NOT NULL,
    pin_code_hash text NOT NULL,
    temporary boolean NOT NULL,
    expires_at text,
    previous_hashes jsonb NOT NULL
  );
  CREATE TABLE pin_code_events (
    id bigserial PRIMARY KEY,
    user_setup_id text NOT NULL,
    type text NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    actor_user_id text
  );
  CREATE INDEX pin_code_events_by_user ON pin_code_events (user_setup_id, id);
  CREATE TABLE idempotency (
    key text PRIMARY KEY,
    fingerprint text NOT NULL,
    status integer NOT NULL,
    body jsonb,
    at text NOT NULL
  );
  CREATE INDEX idempotency_by_at ON idempotency (at);
  CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE tokens (token_hash text PRIMARY KEY, identity jsonb NOT NULL);
  `),
  [
    // Search: trigram indexes, so that contains() on a million users reads the matches, not every row.
    'CREATE EXTENSION IF NOT EXISTS pg_trgm',
    'CREATE INDEX user_setups_search_user_id ON user_setups USING gin (search_user_id gin_trgm_ops)',
    'CREATE INDEX user_setups_search_display_name ON user_setups USING gin (search_display_name gin_trgm_ops)',
    'CREATE INDEX user_setups_search_resource_no ON user_setups USING gin (search_resource_no gin_trgm_ops)',
    'CREATE INDEX user_setups_by_locked_until ON user_setups (locked_until)',
    // The number of setups, kept by a trigger: `$count` without a filter should not count a million rows.
    'CREATE TABLE user_setup_count (n bigint NOT NULL)',
    'INSERT INTO user_setup_count SELECT count(*) FROM user_setups',
    // Once per statement, not per row: a seed of a million rows updates the count a thousand times, not a million.
    `CREATE FUNCTION count_added_user_setups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE user_setup_count SET n = n + (SELECT count(*) FROM added);
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER user_setups_added AFTER INSERT ON user_setups
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_added_user_setups()`,
    `CREATE FUNCTION count_removed_user_setups() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE user_setup_count SET n = n - (SELECT count(*) FROM removed);
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER user_setups_removed AFTER DELETE ON user_setups
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_removed_user_setups()`,
  ],
  [
    // Each device's throttle (promise 11): its latest wrong codes, and the users told it is held back.
    `CREATE TABLE devices (
      name text PRIMARY KEY,
      failures jsonb NOT NULL DEFAULT '[]',
      held_for jsonb NOT NULL DEFAULT '[]'
    )`,
  ],
];

function splitStatements(text: string): string[] {
  return text
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/** Brings the database up to the latest schema; safe to run from several processes at once. */
export async function migrate(db: SqlDatabase): Promise<void> {
  await db.transaction(async (sql) => {
    // One process migrates at a time; the others wait here and then find nothing left to do.
    await sql.query('SELECT pg_advisory_xact_lock(7401)');
    await sql.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const [row] = await sql.query<{ version: number }>('SELECT version FROM schema_version');
    const current = row?.version ?? 0;
    for (let version = current; version < MIGRATIONS.length; version += 1) {
      // Statement by statement: the extended protocol that binds parameters takes one at a time.
      for (const statement of MIGRATIONS[version]) await sql.query(statement);
    }
    if (!row) await sql.query('INSERT INTO schema_version (version) VALUES ($1)', [MIGRATIONS.length]);
    else await sql.query('UPDATE schema_version SET version = $1', [MIGRATIONS.length]);
  });
}
