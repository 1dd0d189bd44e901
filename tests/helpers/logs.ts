// Captures what the app logs (pino writes JSON lines to stdout) during a block.
import { logger } from '@/lib/log/logger';

export function captureLogs() {
  const lines: any[] = [];
  const previous = logger.level;
  logger.level = 'info';
  const stream = (logger as unknown as Record<symbol, { write: (s: string) => void }>)[
    Object.getOwnPropertySymbols(logger).find((s) => String(s) === 'Symbol(pino.stream)')!
  ];
  const original = stream.write.bind(stream);
  stream.write = (s: string) => {
    for (const line of s.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    return true as unknown as void;
  };
  return {
    lines,
    stop() {
      stream.write = original;
      logger.level = previous;
    },
  };
}
