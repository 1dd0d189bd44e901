export interface ScheduledOutcome {
  status: 'ok' | 'skipped' | 'failed';
  result: Record<string, unknown>;
  error?: string;
}

export interface ScheduledJob {
  name: string;
  /** Five-field cron, UTC. */
  schedule: string;
  run: (now: Date) => Promise<ScheduledOutcome>;
}
