// price_suggestion (seed 004): the price-list item that fits the dialog — the device from the
// context (`device: "iPhone 14"` or `{brand, model}`) or named in the customer's messages, and
// the service words (screen, battery …) of the messages and the context's issue — quoted as
// "Замена экрана iPhone 14: 25 000–45 000 ₸". Applying it puts the price into the context.
import { matchDevicePattern, compareSpecificity } from '@/lib/crm/price-list/match-device-pattern';
import type { PriceItem } from '@/lib/crm/price-list/list-price-items';

export interface PriceSuggestionDraft {
  content: string;
  confidence: number;
  payload: { context: { price: Record<string, unknown> }; price_item_ids: string[] };
}

const SYMBOL: Record<string, string> = { KZT: '₸', RUB: '₽', USD: '$', EUR: '€', UZS: 'сум', KGS: 'сом' };
/** Words a device name may run on with after its first match ("iPhone 14" + "Pro" + "Max"). */
const MODEL_WORD = /^(pro|max|plus|mini|ultra|lite|se|fe|note|edge|\d+[a-z+]{0,3}|[a-z]\d+[a-z+]{0,3})$/i;
const MAX_DEVICE_WORDS = 5;

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}+]+/gu) ?? [];
}

/** Words that name no particular service ("замена", "ремонт", "цена" …): they choose nothing. */
const GENERIC = new Set(['замен', 'ремон', 'почин', 'устан', 'услуг', 'стоим', 'сколь', 'цена', 'цены', 'ауыст', 'жөнде', 'бағас', 'repai', 'repla', 'servi', 'price', 'cost', 'much']);

/** A crude Russian/Kazakh/English stem: the first 5 letters of a word of 4 letters or more. */
function stems(text: string): Set<string> {
  return new Set(
    words(text.toLowerCase())
      .filter((w) => w.length >= 4 && !/^\d+$/.test(w))
      .map((w) => w.slice(0, 5))
      .filter((st) => !GENERIC.has(st)),
  );
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return [o.brand, o.model, o.name, o.category, o.description].filter((x) => typeof x === 'string').join(' ');
  }
  return '';
}

/** Names the context gives the device, most likely first (seed 004: a string or {brand, model}). */
export function contextDevices(context: Record<string, unknown>): string[] {
  const d = context.device;
  if (typeof d === 'string') return d.trim() ? [d.trim()] : [];
  if (d && typeof d === 'object') {
    const o = d as Record<string, unknown>;
    const model = typeof o.model === 'string' ? o.model.trim() : '';
    const brand = typeof o.brand === 'string' ? o.brand.trim() : '';
    const both = model && brand && !model.toLowerCase().includes(brand.toLowerCase()) ? `${brand} ${model}` : '';
    return [model, both, brand].filter(Boolean);
  }
  return [];
}

/** The context's device under the name some specific price-list pattern knows (else its first name). */
export function contextDevice(context: Record<string, unknown>, patterns: string[] = []): string | null {
  const names = contextDevices(context);
  const specific = patterns.filter((p) => p.replace(/[*?\s]/g, '') !== '');
  return names.find((name) => specific.some((p) => matchDevicePattern(p, name))) ?? names[0] ?? null;
}

/** The first device (newest message first) some specific price-list pattern matches. */
export function deviceInTexts(texts: string[], patterns: string[]): string | null {
  const specific = patterns.filter((p) => p.replace(/[*?\s]/g, '') !== '');
  if (!specific.length) return null;
  for (const text of [...texts].reverse()) {
    const w = words(text);
    for (let i = 0; i < w.length; i++) {
      for (let n = 1; n <= MAX_DEVICE_WORDS && i + n <= w.length; n++) {
        const name = w.slice(i, i + n).join(' ');
        if (!specific.some((p) => matchDevicePattern(p, name))) continue;
        let end = i + n;
        while (end < w.length && end - i < MAX_DEVICE_WORDS && MODEL_WORD.test(w[end])) end++;
        return w.slice(i, end).join(' ');
      }
    }
  }
  return null;
}

/** No-break space: an amount and its currency never split across lines ("25 000 ₸"). */
export const NBSP = '\u00a0';

export function formatAmount(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)}${frac ? `,${frac}` : ''}`;
}

export function formatPriceRange(from: number, to: number | null, currency: string): string {
  const sym = SYMBOL[currency] ?? currency;
  const range = to !== null && to !== from ? `${formatAmount(from)}–${formatAmount(to)}` : formatAmount(from);
  return `${range}${NBSP}${sym}`;
}

export function suggestPrice(
  items: PriceItem[],
  input: { context: Record<string, unknown>; texts: string[]; defaultCurrency: string },
): PriceSuggestionDraft | null {
  const active = items.filter((i) => i.is_active);
  if (!active.length) return null;
  const patterns = active.map((i) => i.device_pattern);
  const fromContext = contextDevice(input.context, patterns);
  const device = fromContext ?? deviceInTexts(input.texts, patterns);
  const fits = active.filter((i) => (device ? matchDevicePattern(i.device_pattern, device) : i.device_pattern.replace(/[*\s]/g, '') === ''));
  if (!fits.length) return null;

  // Service words: the customer's messages and the context's issue, against each item's
  // category and service name. A stem every candidate shares ("замена") tells them apart from nothing.
  const asked = stems([...input.texts, asText(input.context.issue), asText(input.context.service)].join(' '));
  const itemStems = fits.map((i) => stems(`${i.category} ${i.service_name}`));
  const common = fits.length > 1 ? [...itemStems[0]].filter((s) => itemStems.every((set) => set.has(s))) : [];
  const scored = fits
    .map((item, k) => ({ item, score: [...itemStems[k]].filter((s) => asked.has(s) && !common.includes(s)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || compareSpecificity(a.item.device_pattern, b.item.device_pattern));
  const best = scored[0]?.item;
  if (!best) return null;

  const currency = best.currency ?? input.defaultCurrency;
  const range = formatPriceRange(best.price_from, best.price_to, currency);
  const duration = best.duration_minutes ? `, ~${best.duration_minutes}${NBSP}мин` : '';
  const content = `${best.service_name}${device ? ` ${device}` : ''}: ${range}${duration}`;
  const confidence = fromContext ? 0.9 : device ? 0.8 : 0.7;
  return {
    content: content.slice(0, 4096),
    confidence,
    payload: {
      context: {
        price: {
          service: best.service_name,
          ...(device ? { device } : {}),
          from: best.price_from,
          to: best.price_to,
          currency,
          price_item_id: best.id,
        },
      },
      price_item_ids: [best.id],
    },
  };
}
