/**
 * What the lead did to the alerts outlives a restart ("Restart to update", a reboot, a collector
 * redeployed): the timed snoozes, the acknowledgements and "until recovered" snoozes of the alerts
 * open when the engine stopped, and when each alert was last notified (its cooldown). Written as
 * JSON beside the alert history when the engine stops, read when it starts. An alert open at the
 * stop that fires again within `CARRY_GRACE_MS` of the start is the same trouble seen again: it keeps
 * its acknowledgement or snooze, and its cooldown holds a repeated raise as it would have. A missing
 * file carries nothing; an unreadable one is said in the log and ignored.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../util/logger';
import { writeFileAtomic } from '../util/files';

export const CARRY_GRACE_MS = 15 * 60_000;
const FILE_VERSION = 1;

const FileSchema = z.object({
  version: z.literal(FILE_VERSION),
  savedAt: z.number(),
  snoozes: z.object({ all: z.number().nullable(), entries: z.array(z.tuple([z.string(), z.number()])) }),
  alerts: z.array(z.object({ id: z.string(), acknowledged: z.boolean(), ackUntil: z.number().nullable(), untilRecovered: z.boolean() })),
  notified: z.array(z.tuple([z.string(), z.number()])),
  escalated: z.array(z.tuple([z.string(), z.number()])),
});
export type CarriedFile = z.infer<typeof FileSchema>;
export type CarriedAlert = CarriedFile['alerts'][number];

/** The state file beside a history file: `alert-history.json` → `alert-state.json`. */
export function carryPathFor(historyPath: string): string {
  return /history\.json$/.test(historyPath) ? historyPath.replace(/history\.json$/, 'state.json') : `${historyPath}.state.json`;
}

export function readCarried(path: string, log: Logger): CarriedFile | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`could not read the alerts' saved state ${path}; acknowledgements and snoozes start afresh`, e);
    return null;
  }
  try {
    const r = FileSchema.safeParse(JSON.parse(text));
    if (r.success) return r.data;
  } catch {
    // below
  }
  log.warn(`the alerts' saved state ${path} is not readable; acknowledgements and snoozes start afresh`);
  return null;
}

export async function writeCarried(path: string, state: Omit<CarriedFile, 'version'>, log: Logger): Promise<void> {
  try {
    await writeFileAtomic(path, JSON.stringify({ version: FILE_VERSION, ...state }));
  } catch (e) {
    log.warn(`could not save the alerts' state to ${path}; acknowledgements and snoozes will start afresh after a restart`, e);
  }
}

/** The alerts carried from the last run, each taken once by the first lifecycle of its id within the grace. */
export class CarriedAlerts {
  private readonly byId: Map<string, CarriedAlert>;

  constructor(
    alerts: readonly CarriedAlert[],
    private readonly until: number,
  ) {
    this.byId = new Map(alerts.map((a) => [a.id, a]));
  }

  take(id: string, now: number): CarriedAlert | null {
    if (!this.byId.size) return null;
    if (now > this.until) {
      this.byId.clear();
      return null;
    }
    const a = this.byId.get(id);
    if (!a) return null;
    this.byId.delete(id);
    return a;
  }
}
