// The next time a five-field cron expression (UTC) fires strictly after `after`. Supports
// what the installation's schedules use: `*`, `*/n`, numbers and comma lists in each field
// (minute, hour, day of month, month, day of week with 0 = Sunday).
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> | null {
  if (text === '*') return null;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) {
      const n = Number(step[1]);
      if (!(n >= 1)) throw new Error(`bad cron step ${part}`);
      for (let v = min; v <= max; v += n) out.add(v);
      continue;
    }
    if (!/^\d+$/.test(part) || Number(part) < min || Number(part) > max) throw new Error(`bad cron field ${part}`);
    out.add(Number(part));
  }
  return out;
}

export function parseCron(expr: string): (Set<number> | null)[] {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron needs 5 fields: ${expr}`);
  return fields.map((f, i) => parseField(f, RANGES[i]));
}

export function nextCronRun(expr: string, after: Date): Date {
  const [minute, hour, dom, month, dow] = parseCron(expr);
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  // A year of minutes bounds every expression this accepts.
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (
      (!month || month.has(t.getUTCMonth() + 1)) &&
      (!dom || dom.has(t.getUTCDate())) &&
      (!dow || dow.has(t.getUTCDay())) &&
      (!hour || hour.has(t.getUTCHours())) &&
      (!minute || minute.has(t.getUTCMinutes()))
    )
      return t;
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  throw new Error(`cron never fires: ${expr}`);
}
