/**
 * One request at a time per token. Wolkvox refuses simultaneous use of a token (seed 000: "the same
 * token cannot be consumed simultaneously"), so every report of every source that holds the same
 * token waits its turn in one FIFO lane, kept in the engine's shared map under a hash of the token
 * (the token itself is never a key). The lane also counts the token's uses per day (the account's) and
 * remembers a TOKEN LIMIT EXCEEDED block, so that a second source does not spend a request on it.
 */
import { createHash } from 'node:crypto';
import { abortError } from '../../util/clock';
import { dayIn } from './time';
import { problem, type Problem } from '../../../shared/problems';

export interface LaneMember {
  /** Daily uses this source's cadences project. */
  projected: number;
  /** The source's time zone (the account's): the token's day is counted in it. Absent: this computer's. */
  timeZone?: string;
  /** Told whenever the token's use count changes. */
  onUses(usesToday: number): void;
  /** Told whenever the set of sources on the token changes (total projection, member count). */
  onBudget(totalProjected: number, members: number): void;
}

export class TokenLane {
  private busy = false;
  private readonly waiters: (() => void)[] = [];
  private day = '';
  private uses = 0;
  private readonly members = new Map<string, LaneMember>();
  /**
   * The zone the token's day is counted in: the account's, as the sources on the token say (the
   * latest to join, when they disagree). Absent: this computer's.
   */
  timeZone: string | undefined;
  /** Epoch ms until which the token is spent (TOKEN LIMIT EXCEEDED); 0 = not blocked. */
  blockedUntil = 0;
  /** The message of the block, shown by every source on the token. */
  blockedMessage = '';
  /** The same as a problem every language can render. */
  blockedProblem: Problem = problem('wolkvox_token_limit');

  /** Waits for the lane; resolves with a release function. Rejects with AbortError on abort. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = this.waiters.shift();
        if (next) next();
        else this.busy = false;
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortError());
      };
      if (!this.busy) {
        this.busy = true;
        grant();
        return;
      }
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs `fn` alone on the token. */
  async run<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Uses counted today: the day of `now` in the token's zone (`timeZone`). */
  usesToday(now: number): number {
    const day = dayIn(now, this.timeZone);
    if (day !== this.day) {
      this.day = day;
      this.uses = 0;
    }
    return this.uses;
  }

  /** Counts one use and tells every source on the token. */
  countUse(now: number): number {
    this.uses = this.usesToday(now) + 1;
    for (const m of this.members.values()) m.onUses(this.uses);
    return this.uses;
  }

  /** Adds a source; the zones the other sources on the token use, when they are not its own. */
  join(sourceId: string, member: LaneMember): string[] {
    const others = [...this.members].filter(([id, m]) => id !== sourceId && m.timeZone !== member.timeZone).map(([, m]) => m.timeZone ?? "this computer's");
    this.members.set(sourceId, member);
    this.timeZone = member.timeZone;
    this.budgetChanged();
    return [...new Set(others)];
  }

  leave(sourceId: string): void {
    if (!this.members.delete(sourceId)) return;
    const last = [...this.members.values()].at(-1);
    if (last) this.timeZone = last.timeZone;
    this.budgetChanged();
  }

  get totalProjected(): number {
    let sum = 0;
    for (const m of this.members.values()) sum += m.projected;
    return sum;
  }

  private budgetChanged(): void {
    const total = this.totalProjected;
    for (const m of this.members.values()) m.onBudget(total, this.members.size);
  }
}

/** The lane of a token in the engine's shared map (created on first use). */
export function laneFor(shared: Map<string, unknown>, token: string): TokenLane {
  const key = `wolkvox:token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
  let lane = shared.get(key);
  if (!(lane instanceof TokenLane)) {
    lane = new TokenLane();
    shared.set(key, lane);
  }
  return lane as TokenLane;
}
