/**
 * Writes a file so that a crash or a full disk never leaves it half written: the text goes to
 * `<path>.tmp` (mode 0600, the folder made if needed), which then replaces the file. Throws what the
 * file system said.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}
