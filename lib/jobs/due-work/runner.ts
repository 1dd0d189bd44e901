// The in-process due-work runner of the embedded default (no Inngest). It does not poll
// blindly: after each pass it arms ONE timer for the next due time in the table (or an
// expiring lease), and scheduling something earlier in this process re-arms it. A slow
// safety pass (default 5 min) covers items scheduled by other processes. Several
// instances may run it at once: claiming is atomic (run-due-work.ts).
import { logger } from '@/lib/log/logger';
import { nextDueAt, runDueWork } from './run-due-work';
import { nextScheduledRunAt, runDueScheduledJobs } from '../scheduled/run-scheduled-job';

export interface RunnerOptions {
  now?: () => Date;
  /** Longest sleep between passes. */
  safetyMs?: number;
  /** Items claimed per statement. */
  batch?: number;
  /** Also run the installation's scheduled jobs when due (the app's runner; tests opt in). */
  scheduledJobs?: boolean;
}

// setTimeout cannot sleep longer than 2^31-1 ms.
const MAX_DELAY = 2 ** 31 - 1;

export class DueRunner {
  private readonly now: () => Date;
  private readonly safetyMs: number;
  private readonly batch: number;
  private readonly scheduledJobs: boolean;
  /** A scheduled job (minutes of embedding) runs beside the passes, never holding up replies. */
  private scheduledRun: Promise<unknown> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt: number | null = null;
  private running = false;
  private again = false;
  private stopped = true;
  /** Hinted due times not yet seen by a pass (a schedule whose transaction may not have committed). */
  private hints: number[] = [];
  private idle: Promise<void> = Promise.resolve();

  constructor(opts: RunnerOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.safetyMs = opts.safetyMs ?? 5 * 60_000;
    this.batch = opts.batch ?? 20;
    this.scheduledJobs = opts.scheduledJobs ?? false;
  }

  /** Resolves when the scheduled jobs started by the last pass (if any) have finished. */
  scheduledSettled(): Promise<unknown> {
    return this.scheduledRun ?? Promise.resolve();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = null;
  }

  /** When the armed timer fires (ms since epoch), or null. */
  get nextWakeAt(): number | null {
    return this.armedAt;
  }

  /** Resolves when the current pass (if any) has finished. */
  settled(): Promise<void> {
    return this.idle;
  }

  /** Something was scheduled in this process for `dueAt`: wake then if that is earlier. */
  hint(dueAt: Date): void {
    if (this.stopped) return;
    this.hints.push(dueAt.getTime());
    this.arm(dueAt.getTime());
  }

  private arm(at: number, replace = false): void {
    if (this.stopped) return;
    if (!replace && this.armedAt !== null && this.armedAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedAt = at;
    const delay = Math.min(Math.max(0, at - this.now().getTime()), MAX_DELAY);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.armedAt = null;
      this.kick();
    }, delay);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.idle = this.pass().finally(() => {
      this.running = false;
    });
  }

  /** Starts the due scheduled jobs unless some still run; returns when to look again. */
  private async scheduledPass(): Promise<number> {
    if (this.scheduledRun) return Infinity; // its end kicks a pass
    const next = (await nextScheduledRunAt())?.getTime() ?? Infinity;
    if (next > this.now().getTime()) return next;
    this.scheduledRun = runDueScheduledJobs(this.now)
      .catch((err) => logger.error({ err: (err as Error).message }, 'scheduled jobs pass failed'))
      .finally(() => {
        this.scheduledRun = null;
        // Their next runs are known now: a pass arms for them.
        if (!this.stopped) this.kick();
      });
    return Infinity;
  }

  private async pass(): Promise<void> {
    let claimed = 0;
    const started = this.now().getTime();
    try {
      do {
        this.again = false;
        let r;
        do {
          r = await runDueWork({ now: this.now, limit: this.batch });
          claimed += r.claimed;
        } while (r.claimed === this.batch && !this.stopped);
      } while (this.again && !this.stopped);
      let next = (await nextDueAt())?.getTime() ?? Infinity;
      if (this.scheduledJobs) next = Math.min(next, await this.scheduledPass());
      // Hints this pass should have seen but did not find (their transaction had not
      // committed yet) get one more look a second later.
      const missed = claimed === 0 && this.hints.some((h) => h <= started);
      this.hints = this.hints.filter((h) => h > started);
      const candidates = [next, this.now().getTime() + this.safetyMs, ...this.hints];
      if (missed) candidates.push(this.now().getTime() + 1000);
      this.arm(Math.min(...candidates), true);
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'due-work pass failed; retrying shortly');
      this.arm(this.now().getTime() + 5000, true);
    }
  }
}

const g = globalThis as Record<string, unknown>;

/** The process's runner (started by instrumentation.ts when Inngest is not configured). */
export function dueRunner(): DueRunner {
  return ((g.__salesagentDueRunner as DueRunner | undefined) ??= new DueRunner()) as DueRunner;
}

export function startDueRunner(): DueRunner {
  const r = ((g.__salesagentDueRunner as DueRunner | undefined) ??= new DueRunner({ scheduledJobs: true })) as DueRunner;
  r.start();
  return r;
}

/** Called by scheduleDueWork: re-arms this process's runner if it is running. */
export function hintDueRunner(dueAt: Date): void {
  (g.__salesagentDueRunner as DueRunner | undefined)?.hint(dueAt);
}
