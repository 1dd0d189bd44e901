// Rate limits of the public widget endpoints: per visitor (RATE_LIMIT_WIDGET_PER_MIN messages a
// minute) and per client address (five visitors' worth, for offices behind one NAT). In memory
// on the embedded default, shared through Postgres when several instances may run (as
// lib/ratelimit/limits.ts decides).
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getEnv } from '@/lib/env';
import { getDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema/ops';
import { AppError } from '@/lib/api/errors';
import { rateLimitStore } from '@/lib/ratelimit/limits';

export type WidgetLimit = 'visitor' | 'ip';

const IP_FACTOR = 5;

const g = globalThis as Record<string, unknown>;
// Keyed by name and points: a changed limit (tests change the environment) makes a new limiter.
const limiters: Map<string, Promise<RateLimiterAbstract>> =
  (g.__salesagentWidgetLimiters as Map<string, Promise<RateLimiterAbstract>>) ?? (g.__salesagentWidgetLimiters = new Map());

function limiter(name: WidgetLimit): Promise<RateLimiterAbstract> {
  const perMin = getEnv().RATE_LIMIT_WIDGET_PER_MIN;
  const points = name === 'ip' ? perMin * IP_FACTOR : perMin;
  const id = `${name}:${points}:${rateLimitStore()}`;
  let l = limiters.get(id);
  if (!l) {
    l = (async () => {
      const opts = { keyPrefix: `rl:widget-${name}:${points}`, points, duration: 60 };
      if (rateLimitStore() === 'memory') return new RateLimiterMemory(opts);
      return new RateLimiterDrizzle({ ...opts, storeClient: await getDb(), schema: rateLimits, clearExpiredByTimeout: true });
    })();
    limiters.set(id, l);
  }
  return l;
}

/** Forgets the limiters (tests). */
export function resetWidgetLimiters(): void {
  limiters.clear();
}

/** Takes one point; 429 with Retry-After when the minute's points are spent. */
export async function consumeWidget(name: WidgetLimit, key: string): Promise<void> {
  if (getEnv().RATE_LIMIT_DISABLED) return;
  try {
    await (await limiter(name)).consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError(
        429,
        'rate_limited',
        `Too many messages; try again in ${retryAfter} s`,
        { limit: `widget_${name}`, retry_after_seconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
    throw err;
  }
}
