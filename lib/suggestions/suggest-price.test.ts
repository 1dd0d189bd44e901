import { describe, expect, it } from 'vitest';
import type { PriceItem } from '@/lib/crm/price-list/list-price-items';
import { contextDevice, deviceInTexts, formatPriceRange, suggestPrice } from './suggest-price';

let n = 0;
const item = (p: Partial<PriceItem>): PriceItem => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  vertical_code: null,
  category: 'Экран',
  device_pattern: '*',
  service_name: 'Замена экрана',
  price_from: 1000,
  price_to: null,
  currency: 'KZT',
  duration_minutes: null,
  is_active: true,
  order_index: 0,
  ...p,
});

const LIST = [
  item({ device_pattern: 'iPhone 14*', service_name: 'Замена экрана', price_from: 8000, price_to: 12000 }),
  item({ device_pattern: 'iPhone 14 Pro*', service_name: 'Замена дисплея (оригинал)', price_from: 15000, price_to: 18000, duration_minutes: 60 }),
  item({ device_pattern: '*', category: 'Батарея', service_name: 'Замена батареи', price_from: 5000, currency: null }),
  item({ device_pattern: 'Samsung*', category: 'Корпус', service_name: 'Замена крышки', price_from: 3000, is_active: false }),
];

describe('suggestPrice', () => {
  const run = (texts: string[], context: Record<string, unknown> = {}) => suggestPrice(LIST, { context, texts, defaultCurrency: 'RUB' });

  it('finds the device in the message and the service by its words: "Ремонт экрана iPhone 14: 8 000–12 000 ₸"', () => {
    expect(run(['Сколько стоит ремонт экрана на iPhone 14?'])?.content).toBe('Замена экрана iPhone 14: 8\u00a0000–12\u00a0000\u00a0₸');
  });

  it('the most specific pattern wins and the model words stay with the device', () => {
    const s = run(['у меня iPhone 14 Pro Max, разбил дисплей, экран не работает']);
    expect(s?.content).toBe('Замена дисплея (оригинал) iPhone 14 Pro Max: 15\u00a0000–18\u00a0000\u00a0₸, ~60\u00a0мин');
    expect(s?.payload.context.price).toMatchObject({ from: 15000, to: 18000, currency: 'KZT', device: 'iPhone 14 Pro Max' });
  });

  it('a device from the context (seed 004 object form) beats the text and is surer', () => {
    const s = run(['а экран сколько?'], { device: { brand: 'Apple', model: 'iPhone 14' } });
    expect(s).toMatchObject({ content: 'Замена экрана iPhone 14: 8\u00a0000–12\u00a0000\u00a0₸', confidence: 0.9 });
  });

  it('an any-device item needs no device; no currency on the item: the workspace’s', () => {
    expect(run(['Нужна замена батареи'])?.content).toBe('Замена батареи: 5\u00a0000\u00a0₽');
  });

  it('a word every candidate shares ("замена") does not choose; no service words: no price', () => {
    expect(run(['iPhone 14, нужна замена'])).toBeNull();
    expect(run(['Здравствуйте, вы работаете в субботу?'])).toBeNull();
  });

  it('inactive items are never quoted', () => {
    expect(run(['Samsung S21 замена крышки корпуса'])).toBeNull();
  });
});

describe('helpers', () => {
  it('device names', () => {
    expect(contextDevice({ device: ' iPhone 13 ' })).toBe('iPhone 13');
    expect(contextDevice({ device: { brand: 'Apple', model: 'Apple iPhone 13' } })).toBe('Apple iPhone 13');
    expect(contextDevice({})).toBeNull();
    // Cyrillic look-alikes typed by a mixed keyboard still match the pattern.
    expect(deviceInTexts(['разбил іРhоnе 14 вчера'], ['iPhone 14*'])).toBe('іРhоnе 14');
    expect(deviceInTexts(['ничего'], ['*'])).toBeNull();
  });

  it('amounts grouped by thousands with the currency sign', () => {
    expect(formatPriceRange(25000, 45000, 'KZT')).toBe('25\u00a0000–45\u00a0000\u00a0₸');
    expect(formatPriceRange(1500.5, 1500.5, 'RUB')).toBe('1\u00a0500,5\u00a0₽');
    expect(formatPriceRange(100, null, 'GBP')).toBe('100\u00a0GBP');
  });
});
