import { importPeer } from './peers.js';

/** One statement's runner: the rows it gives back. Parameters are always bound, never spliced into the text. */
export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
}

/** A PostgreSQL database, embedded (PGlite) or a server (pg): one query layer for both. */
export interface SqlDatabase extends SqlRunner {
  /** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** `pglite` runs in this process, one statement at a time; `postgres` is a server that several processes share. */
  readonly kind: 'pglite' | 'postgres';
}

/**
 * Opens the database at `location`: a `postgres://` or `postgresql://` URL is a PostgreSQL server (through `pg`);
 * anything else is a PGlite data directory on disk, and `memory://` an embedded database in memory.
 */
export async function openSqlDatabase(location: string): Promise<SqlDatabase> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { default: pg } = await importPeer<typeof import('pg')>('pg');
    const pool = new pg.Pool({ connectionString: location, max: 10 });
    const query = async <Row>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Row[];
    return {
      kind: 'postgres',
      query,
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work({ query: async (text, params = []) => (await client.query(text, params)).rows });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await importPeer<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const { pg_trgm } = await importPeer<typeof import('@electric-sql/pglite/contrib/pg_trgm')>(
    '@electric-sql/pglite/contrib/pg_trgm',
  );
  const db = await PGlite.create(location === 'memory://' ? undefined : location, { extensions: { pg_trgm } });
  return {
    kind: 'pglite',
    query: async (text, params = []) => (await db.query(text, params)).rows as never,
    transaction: (work) =>
      db.transaction((tx) =>
        work({ query: async (text, params = []) => (await tx.query(text, params)).rows as never }),
      ),
    close: () => db.close(),
  };
}
