// Vertical templates that ship with the product (seed 004 section 6). phone_repair's stages are
// the default pipeline's (supabase/migrations/20261128000100_crm.sql): same codes, names, colours.
import type { VerticalStage } from '@/lib/db/schema/crm';

export interface BuiltInVertical {
  code: string;
  name: string;
  intents: string[];
  stages: VerticalStage[];
}

export const BUILT_IN_VERTICALS: readonly BuiltInVertical[] = [
  {
    code: 'phone_repair',
    name: 'Ремонт телефонов',
    intents: ['repair', 'buy', 'sell', 'consult'],
    stages: [
      { code: 'new', name: 'Новый', color: '#64748b', kind: 'open' },
      { code: 'qualifying', name: 'Уточнение', color: '#0ea5e9', kind: 'open' },
      { code: 'quoted', name: 'Озвучена цена', color: '#6366f1', kind: 'open' },
      { code: 'approved', name: 'Согласовано', color: '#8b5cf6', kind: 'open' },
      { code: 'received', name: 'Принято', color: '#f59e0b', kind: 'open' },
      { code: 'in_progress', name: 'В работе', color: '#f97316', kind: 'open' },
      { code: 'ready', name: 'Готово', color: '#14b8a6', kind: 'open' },
      { code: 'delivered', name: 'Выдано', color: '#22c55e', kind: 'won' },
      { code: 'cancelled', name: 'Отменено', color: '#ef4444', kind: 'lost' },
    ],
  },
  {
    code: 'services',
    name: 'Услуги по записи',
    intents: ['book', 'price', 'consult', 'reschedule'],
    stages: [
      { code: 'new', name: 'Новая заявка', color: '#64748b', kind: 'open' },
      { code: 'qualifying', name: 'Уточнение', color: '#0ea5e9', kind: 'open' },
      { code: 'booked', name: 'Записан', color: '#6366f1', kind: 'open' },
      { code: 'in_progress', name: 'Оказывается', color: '#f97316', kind: 'open' },
      { code: 'done', name: 'Выполнено', color: '#22c55e', kind: 'won' },
      { code: 'cancelled', name: 'Отменено', color: '#ef4444', kind: 'lost' },
    ],
  },
];

export function builtInVertical(code: string): BuiltInVertical | undefined {
  return BUILT_IN_VERTICALS.find((v) => v.code === code);
}

/** A pipeline made from scratch without stages gets these. */
export const DEFAULT_STAGES: readonly VerticalStage[] = [
  { code: 'new', name: 'Новый', color: '#64748b', kind: 'open' },
  { code: 'in_progress', name: 'В работе', color: '#f97316', kind: 'open' },
  { code: 'won', name: 'Успешно', color: '#22c55e', kind: 'won' },
  { code: 'lost', name: 'Отказ', color: '#ef4444', kind: 'lost' },
];
