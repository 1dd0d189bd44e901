// In-process pacing of sends (Bot FAQ: about 1 message per second in one chat, short bursts
// allowed; about 30 per second overall). Token buckets: per (bot, chat) 3 at once then 1/s;
// per bot 30 at once then 30/s. One process paces its own sends; several replicas each pace
// theirs, and a 429 that still happens is honoured by the caller.
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

const PER_CHAT = { capacity: 3, perSecond: 1 };
const GLOBAL = { capacity: 30, perSecond: 30 };

const g = globalThis as Record<string, unknown>;
const buckets: Map<string, Bucket> = (g.__salesagentTelegramBuckets as Map<string, Bucket>) ?? (g.__salesagentTelegramBuckets = new Map());

/** Takes one token from the bucket; returns how many ms to wait before the send (0 = now). */
function take(key: string, limit: { capacity: number; perSecond: number }, now: number): number {
  let b = buckets.get(key);
  if (!b) {
    b = { tokens: limit.capacity, updatedAt: now };
    buckets.set(key, b);
    if (buckets.size > 50_000) {
      for (const [k, v] of buckets) if (now - v.updatedAt > 60_000) buckets.delete(k);
    }
  }
  b.tokens = Math.min(limit.capacity, b.tokens + ((now - b.updatedAt) / 1000) * limit.perSecond);
  b.updatedAt = now;
  b.tokens -= 1;
  return b.tokens >= 0 ? 0 : Math.ceil((-b.tokens / limit.perSecond) * 1000);
}

/** Reserves a send slot for `chatId` of bot `botKey`; the caller waits the returned ms. */
export function reserveSendSlot(botKey: string, chatId: string, now = Date.now()): number {
  return Math.max(take(`g:${botKey}`, GLOBAL, now), take(`c:${botKey}:${chatId}`, PER_CHAT, now));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
