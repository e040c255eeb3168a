/** A package the server host needs that is not installed: said in one line, with the command that installs it. */
export class MissingPackage extends Error {}

/**
 * Imports a package the server host needs but the elements do not (an optional peer dependency of the package), or
 * fails with MissingPackage naming it.
 */
export async function importPeer<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new MissingPackage(`The server host needs the package ${name}: npm install ${name}`);
  }
}
