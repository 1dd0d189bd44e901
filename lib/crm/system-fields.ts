// The fields every deal and contact has without custom fields. Agents' CRM access and update
// rules name fields by code: these codes, or a custom field's code (lib/crm/custom-fields.ts).
// Custom field codes may not reuse them.
import type { FieldType } from '@/lib/db/schema/crm';

export interface SystemField {
  code: string;
  name: { ru: string; en: string; kk: string };
  type: FieldType | 'stage' | 'tags' | 'user' | 'json';
  /** The agent may write it through update_field (stage changes go through change_stage). */
  writable: boolean;
}

export const DEAL_SYSTEM_FIELDS: readonly SystemField[] = [
  { code: 'title', name: { ru: 'Название', en: 'Title', kk: 'Атауы' }, type: 'text', writable: true },
  { code: 'description', name: { ru: 'Описание', en: 'Description', kk: 'Сипаттама' }, type: 'text', writable: true },
  { code: 'stage_id', name: { ru: 'Этап', en: 'Stage', kk: 'Кезең' }, type: 'stage', writable: false },
  { code: 'price', name: { ru: 'Сумма', en: 'Amount', kk: 'Сомасы' }, type: 'money', writable: true },
  { code: 'tags', name: { ru: 'Теги', en: 'Tags', kk: 'Тегтер' }, type: 'tags', writable: true },
  { code: 'responsible_user_id', name: { ru: 'Ответственный', en: 'Responsible', kk: 'Жауапты' }, type: 'user', writable: false },
  { code: 'intent', name: { ru: 'Намерение', en: 'Intent', kk: 'Ниет' }, type: 'text', writable: true },
  { code: 'device', name: { ru: 'Устройство', en: 'Device', kk: 'Құрылғы' }, type: 'text', writable: true },
  { code: 'issue', name: { ru: 'Проблема', en: 'Issue', kk: 'Мәселе' }, type: 'text', writable: true },
  { code: 'price_quoted', name: { ru: 'Озвученная цена', en: 'Quoted price', kk: 'Айтылған баға' }, type: 'money', writable: true },
  { code: 'price_final', name: { ru: 'Итоговая цена', en: 'Final price', kk: 'Соңғы баға' }, type: 'money', writable: true },
  { code: 'awaiting', name: { ru: 'Ожидаем', en: 'Awaiting', kk: 'Күтілуде' }, type: 'text', writable: true },
];

/** Deal system fields that live in the conversation's context JSONB (seed 004), not in columns. */
export const CONTEXT_FIELD_CODES = new Set(['intent', 'device', 'issue', 'price_quoted', 'price_final', 'awaiting']);

export const CONTACT_SYSTEM_FIELDS: readonly SystemField[] = [
  { code: 'name', name: { ru: 'Имя', en: 'Name', kk: 'Аты' }, type: 'text', writable: true },
  { code: 'phone', name: { ru: 'Телефон', en: 'Phone', kk: 'Телефон' }, type: 'phone', writable: true },
  { code: 'email', name: { ru: 'Email', en: 'Email', kk: 'Email' }, type: 'email', writable: true },
  { code: 'city', name: { ru: 'Город', en: 'City', kk: 'Қала' }, type: 'text', writable: true },
  { code: 'language', name: { ru: 'Язык', en: 'Language', kk: 'Тіл' }, type: 'text', writable: true },
  { code: 'client_type', name: { ru: 'Тип клиента', en: 'Client type', kk: 'Клиент түрі' }, type: 'select', writable: false },
  { code: 'responsible_user_id', name: { ru: 'Ответственный', en: 'Responsible', kk: 'Жауапты' }, type: 'user', writable: false },
];

export function systemFieldsOf(entity: 'deal' | 'contact'): readonly SystemField[] {
  return entity === 'deal' ? DEAL_SYSTEM_FIELDS : CONTACT_SYSTEM_FIELDS;
}

export function isSystemFieldCode(entity: 'deal' | 'contact', code: string): boolean {
  return systemFieldsOf(entity).some((f) => f.code === code);
}
