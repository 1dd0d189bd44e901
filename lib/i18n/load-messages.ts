// Merges the namespace files of one locale; a missing key falls back to Russian.
import { NAMESPACES, type Locale } from './config';

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Promise<Messages>>();

async function loadRaw(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => {
      try {
        const mod = (await import(`./messages/${locale}/${ns}.json`)) as { default: Messages };
        return [ns, mod.default] as const;
      } catch {
        return [ns, {}] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

function deepMerge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object'
        ? deepMerge(base[k] as Messages, v as Messages)
        : v;
  }
  return out;
}

export function loadMessages(locale: Locale): Promise<Messages> {
  let p = cache.get(locale);
  if (!p) {
    p = (async () => (locale === 'ru' ? loadRaw('ru') : deepMerge(await loadRaw('ru'), await loadRaw(locale))))();
    cache.set(locale, p);
  }
  return p;
}
