/**
 * The four vendor simulators with their demo teams in place but standing still (no drift, no ticks,
 * no demo steps), in a process of their own so that their CPU is not the collector's:
 * `node --import tsx bench/idle/sims-child.ts <collector-url>`. Prints `{"ready": {"sources": [...]}}`;
 * stops when stdin closes.
 */
import type { SourceConfig } from '../../src/shared/sources';
import { WolkvoxSimulator, demoTeam } from '../../src/simulators/wolkvox';
import { AxialysSimulator } from '../../src/simulators/axialys';
import { startDemoAvaya } from '../../src/simulators/avaya';
import { startDemoTelphin } from '../../src/simulators/telphin';

const NEVER = 2_147_483_647; // the longest timer Node accepts: the demo step never comes

async function main(): Promise<void> {
  const publicUrl = process.argv[2];
  const wolkvox = new WolkvoxSimulator({ tokens: ['idle-wolkvox-token'], team: demoTeam(), quotaPerDay: 50_000, responseDelayMs: 40 });
  const wolkvoxUrl = await wolkvox.start();
  const axialys = await new AxialysSimulator({ socketIo: 'v2', login: 'idle.superviseur', password: 'idle-password' }).start();
  const avaya = await startDemoAvaya({ tickMs: NEVER });
  const telphin = await startDemoTelphin({ ...(publicUrl ? { publicUrl } : {}), stepMs: NEVER });
  const sources: SourceConfig[] = [
    // The demo's cadences (faster than production defaults: the more demanding case for idle CPU).
    { id: 'idle-wolkvox', vendor: 'wolkvox', name: 'Wolkvox', server: '0031', token: 'idle-wolkvox-token', baseUrl: wolkvoxUrl, licences: 50, poll: { latencySec: 10, agentsSec: 5, skillsSec: 5 } },
    { id: 'idle-axialys', vendor: 'axialys', name: 'Axialys', mode: 'supervisor', login: 'idle.superviseur', password: 'idle-password', authUrl: axialys.authUrl, tokenUrl: axialys.tokenUrl, socketUrl: axialys.origin, socketIo: 'auto' },
    ...avaya.sources,
    ...telphin.sources,
  ];
  process.stdout.write(`${JSON.stringify({ ready: { sources } })}\n`);
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.once('end', () => resolve()));
  await Promise.allSettled([wolkvox.stop(), axialys.stop(), avaya.stop(), telphin.stop()]);
  process.exit(0);
}

await main();
