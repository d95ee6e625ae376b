/** Runs one benchmark module: `bench/<name>.bench.ts` exporting `run(opts)`. */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [name, ...rest] = process.argv.slice(2);
const quick = rest.includes('--quick');
const mod = (await import(pathToFileURL(join(import.meta.dirname, `${name}.bench.ts`)).href)) as {
  run(opts: { quick: boolean }): Promise<void>;
};
await mod.run({ quick });
process.exit(0);
