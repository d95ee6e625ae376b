/** One vendor's ingest benchmark in a fresh process: `node --expose-gc --import tsx bench/ingest/vendor-child.ts <vendor> [--quick]`. */
import { runVendor } from '../ingest.bench';

await runVendor(process.argv[2] ?? 'avaya', process.argv.includes('--quick'));
process.exit(0);
