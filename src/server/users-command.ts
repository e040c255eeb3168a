// `mobile-flow-pin-host users import FILE` and `users remove USER_ID…`: the users of the host's own system into and out
// of the server host's database (the PGlite folder of --data, or DATABASE_URL's server), then exit.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MissingPackage } from './peers.js';
import { ProvisioningRefused, userProvisioning } from './provisioning.js';
import { migrate } from './schema.js';
import { openSqlDatabase, type SqlDatabase } from './sql.js';
import { readUserFile, type FileProblem } from './user-files.js';

const USAGE =
  'mobile-flow-pin-host users import FILE [--data DIR]\n' +
  'mobile-flow-pin-host users remove USER_ID… [--data DIR]\n' +
  'import adds the users of FILE the host does not have and updates those it has, all or none: JSON (an array of\n' +
  '{ userId, displayName, administrator?, resource?: { number, name? } | null, passwordMandatory?, allowPinCode? },\n' +
  'or {"users": [...]}) or CSV with the header userId,displayName,administrator,resourceNo,resourceName,\n' +
  'passwordMandatory,allowPinCode (true/false, yes/no or 1/0; an empty cell keeps what the user has).\n' +
  'remove removes users with their Resource card, PIN code and history.\n' +
  'The database is --data (default ./mobile-flow-pin-data) or the PostgreSQL server of DATABASE_URL.';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Runs `users …` with `args` (what follows `users`); resolves with the exit code. */
export async function runUsersCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { data: { type: 'string', default: './mobile-flow-pin-data' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...operands] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!((action === 'import' && operands.length === 1) || (action === 'remove' && operands.length > 0))) {
    console.error(USAGE);
    return 2;
  }
  let text = '';
  if (action === 'import') {
    try {
      text = readFileSync(operands[0], 'utf8');
    } catch (error) {
      console.error(`${operands[0]}: cannot be read (${(error as Error).message}).`);
      return 2;
    }
  }
  let db: SqlDatabase;
  try {
    db = await openSqlDatabase(process.env.DATABASE_URL || values.data);
    await migrate(db);
  } catch (error) {
    if (!(error instanceof MissingPackage)) throw error;
    console.error(error.message);
    return 2;
  }
  try {
    return action === 'import' ? await importUsers(db, operands[0], text) : await removeUsers(db, operands);
  } finally {
    await db.close();
  }
}

async function importUsers(db: SqlDatabase, name: string, text: string): Promise<number> {
  const file = readUserFile(name, text);
  const problems: FileProblem[] = [...file.problems];
  try {
    // With a line that could not be read, the rest is still checked, so that every problem is said at once.
    const outcome = await userProvisioning(db).upsert(file.users, {
      dryRun: problems.length > 0,
      label: (index) => file.places[index],
    });
    if (problems.length === 0) {
      const { added, updated, unchanged } = outcome;
      console.log(
        `Imported ${plural(file.users.length, 'user')}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged.`,
      );
      return 0;
    }
  } catch (error) {
    if (!(error instanceof ProvisioningRefused)) throw error;
    for (const { index, message } of error.problems)
      problems.push({ line: file.lines[index], text: `${file.places[index]}: ${message}` });
  }
  problems.sort((a, b) => a.line - b.line);
  console.error(
    `${name} (${file.format}): ${plural(problems.length, 'problem')}, so nothing was imported.\n` +
      problems.map((problem) => `  ${problem.text}`).join('\n'),
  );
  return 2;
}

async function removeUsers(db: SqlDatabase, userIds: string[]): Promise<number> {
  const { removed, absent } = await userProvisioning(db).remove(userIds);
  console.log(
    `Removed ${plural(removed.length, 'user')}${removed.length ? `: ${removed.join(', ')}` : ''}.` +
      (absent.length ? ` Not there: ${absent.join(', ')}.` : ''),
  );
  return 0;
}
