/** Entry point of the collector when run directly (`tsx src/server/bin.ts`). */
import { main } from './cli';

await main();
