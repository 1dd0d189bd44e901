// Rate limits per seed 000 (auth 5/min per account, 30/min per IP; chat 30, CRUD 60,
// reads 120 per user). In memory on the single instance of the embedded default
// (PGlite); in Postgres, shared by every instance, when DATABASE_URL is set.
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getEnv } from '@/lib/env';
import { getDb } from '@/lib/db/client';
import { rateLimits } from '@/lib/db/schema/ops';
import { AppError } from '@/lib/api/errors';

// authAccount: per account (forgot-password) and per account + client address (login);
// authAccountCeiling: login per account from anywhere, looser, so an attacker elsewhere
// cannot lock the owner out while guessing stays slow.
export type LimitName = 'authAccount' | 'authAccountCeiling' | 'authIp' | 'chat' | 'crud' | 'read';

function pointsFor(name: LimitName): number {
  const env = getEnv();
  switch (name) {
    case 'authAccount':
      return env.RATE_LIMIT_AUTH_ACCOUNT_PER_MIN;
    case 'authAccountCeiling':
      return env.RATE_LIMIT_AUTH_ACCOUNT_CEILING_PER_MIN;
    case 'authIp':
      return env.RATE_LIMIT_AUTH_IP_PER_MIN;
    case 'chat':
      return env.RATE_LIMIT_CHAT_PER_MIN;
    case 'crud':
      return env.RATE_LIMIT_CRUD_PER_MIN;
    case 'read':
      return env.RATE_LIMIT_READ_PER_MIN;
  }
}

const g = globalThis as Record<string, unknown>;
const limiters: Map<LimitName, Promise<RateLimiterAbstract>> =
  (g.__salesagentLimiters as Map<LimitName, Promise<RateLimiterAbstract>>) ??
  (g.__salesagentLimiters = new Map());

async function limiter(name: LimitName): Promise<RateLimiterAbstract> {
  let l = limiters.get(name);
  if (!l) {
    l = (async () => {
      const env = getEnv();
      const opts = { keyPrefix: `rl:${name}`, points: pointsFor(name), duration: 60 };
      if (rateLimitStore() === 'memory') return new RateLimiterMemory(opts);
      return new RateLimiterDrizzle({ ...opts, storeClient: await getDb(), schema: rateLimits, clearExpiredByTimeout: true });
    })();
    limiters.set(name, l);
  }
  return l;
}

/** RATE_LIMIT_STORE, else shared only where several instances can run (DATABASE_URL). */
export function rateLimitStore(): 'memory' | 'postgres' {
  const env = getEnv();
  return env.RATE_LIMIT_STORE ?? (env.DATABASE_URL ? 'postgres' : 'memory');
}

/** Forgets the limiters (tests change limits between cases). */
export function resetLimiters(): void {
  limiters.clear();
}

/** Consumes one point; throws 429 with Retry-After when the limit is spent. */
export async function consume(name: LimitName, key: string): Promise<void> {
  if (getEnv().RATE_LIMIT_DISABLED) return;
  try {
    await (await limiter(name)).consume(key.toLowerCase());
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new AppError(
        429,
        'rate_limited',
        `Too many requests; try again in ${retryAfter} s`,
        { limit: name, retry_after_seconds: retryAfter },
        { 'Retry-After': String(retryAfter) },
      );
    }
    throw err;
  }
}
