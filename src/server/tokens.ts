import { createHash, randomBytes } from 'node:crypto';
import type { Identity } from '../host/index.js';
import type { SqlDatabase } from './sql.js';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Development bearer tokens: a random token per identity, stored only as its SHA-256 (a token is 32 random bytes, so a
 * fast hash is enough: nothing to guess). Each call adds a new set and returns it; earlier sets stay valid, so two
 * processes on one database each print tokens that work on both. For development and tests only: an integrator brings
 * their own `identify`.
 */
export async function issueDevelopmentTokens(db: SqlDatabase, identities: Identity[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const identity of identities) {
    const token = randomBytes(32).toString('base64url');
    await db.query('INSERT INTO tokens (token_hash, identity) VALUES ($1, $2)', [
      digest(token),
      JSON.stringify(identity),
    ]);
    tokens['device' in identity ? identity.device : identity.userId] = token;
  }
  return tokens;
}

/** An `identify` for `Authorization: Bearer <token>` with the development tokens of this database. */
export const identifyByDevelopmentToken =
  (db: SqlDatabase) =>
  async (request: Request): Promise<Identity | null> => {
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.get('Authorization') ?? '')?.[1];
    if (!token) return null;
    const [row] = await db.query<{ identity: Identity }>('SELECT identity FROM tokens WHERE token_hash = $1', [
      digest(token),
    ]);
    return row?.identity ?? null;
  };
