// The one mapper from error codes and zod issues to catalogue text, in ru/en/kk.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { errorText, issueText, issueOfFieldError, type ErrorTranslator } from '@/lib/i18n/error-messages';
import { fieldIssues } from '@/lib/api/errors';
import { createChainSchema, updateAgentSchema } from '@/lib/agents/schemas';
import { updateSettingsSchema } from '@/lib/users/schemas';
import { zodResolver } from '@/components/forms/resolver';
import { LOCALES } from '@/lib/i18n/config';

const ROOT = path.resolve(__dirname, '../..');
const catalogue = (locale: string) => JSON.parse(fs.readFileSync(path.join(ROOT, `lib/i18n/messages/${locale}/errors.json`), 'utf8'));
const tr = (locale: 'ru' | 'en' | 'kk') =>
  createTranslator({ locale, messages: { errors: catalogue(locale) }, namespace: 'errors' }) as unknown as ErrorTranslator;

describe('errorText (API and server-action codes)', () => {
  it.each([
    ['ru', 'last_owner', 'В рабочем пространстве должен остаться хотя бы один владелец'],
    ['en', 'last_owner', 'A workspace needs at least one owner'],
    ['kk', 'last_owner', 'Жұмыс кеңістігінде кемінде бір иесі болуы керек'],
    ['en', 'category_cycle', 'can’t be moved into itself'],
  ] as const)('%s %s', (locale, code, text) => {
    expect(errorText(tr(locale), { code, message: 'English text the UI must not show' })).toContain(text);
  });

  it('words rate limits with the seconds from details, plan limits with the limit', () => {
    expect(errorText(tr('ru'), { code: 'rate_limited', details: { retry_after_seconds: 5 } })).toContain('5 секунд');
    expect(errorText(tr('en'), { code: 'rate_limited' })).toBe('Too many attempts. Wait a minute and try again.');
    expect(errorText(tr('kk'), { code: 'instructions_too_long_for_plan', details: { limit: 4000 } })).toContain('4000');
  });

  it('falls back to the server message for unknown codes, and to a generic text for 5xx', () => {
    expect(errorText(tr('ru'), { code: 'brand_new_rule', message: 'Server explains it' })).toBe('Server explains it');
    expect(errorText(tr('ru'), { code: 'brand_new_rule', status: 502, message: 'upstream html' })).toContain('ошибка');
    expect(errorText(tr('en'), { code: 'brand_new_rule' })).toBe('Something went wrong. Please try again in a moment.');
  });

  it('has the same codes and issues in every language', () => {
    const keys = (l: string) => {
      const c = catalogue(l);
      return [...Object.keys(c.codes).map((k) => `codes.${k}`), ...Object.keys(c.issues).map((k) => `issues.${k}`)].sort();
    };
    for (const l of LOCALES) expect(keys(l)).toEqual(keys('ru'));
  });
});

describe('issueText (zod issues by code and limits, never by message)', () => {
  const issuesOf = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    return fieldIssues(r.error);
  };

  it('words API field issues from the code and limits, whatever the English message says', () => {
    const [name] = issuesOf(updateAgentSchema, { system_instructions: 'short' });
    // The message wording may change freely; the text comes from code + minimum.
    const issue = { ...name, message: 'completely different wording' };
    expect(issueText(tr('ru'), issue)).toBe('Минимум 10 символов.');
    expect(issueText(tr('en'), issue)).toBe('At least 10 characters.');
    expect(issueText(tr('kk'), issue)).toBe('Кемінде 10 таңба.');
    const [delay] = issuesOf(updateAgentSchema, { response_delay_seconds: 999 });
    expect(issueText(tr('ru'), delay)).toBe('Значение должно быть не больше 300.');
  });

  it('uses the rule’s own code for cross-field rules', () => {
    const schedule = [{ day: 'Понедельник', enabled: true, start: '18:00', end: '09:00' }];
    const issues = issuesOf(updateAgentSchema, { working_schedule: schedule });
    expect(issues[0]).toMatchObject({ field: 'working_schedule.0.end', code: 'end_before_start' });
    expect(issueText(tr('en'), issues[0])).toBe('End must be later than start');
    const chain = issuesOf(createChainSchema, { name: 'x', condition_type: 'specific', steps: [{ delay_value: 1, delay_unit: 'Часы', actions: [{ action_type: 'generate_message', instruction: 'hi' }] }] });
    expect(chain.map((i) => issueText(tr('kk'), i))).toContain('Кемінде бір кезеңді көрсетіңіз');
    const [tz] = issuesOf(updateSettingsSchema, { time_zone: 'Mars/Base' });
    expect(issueText(tr('ru'), tz)).toBe('Выберите часовой пояс из списка.');
  });

  it('the form resolver keeps code, limits and field for the same texts in the browser', async () => {
    const resolver = zodResolver(updateAgentSchema);
    const res = await resolver({ name: '', system_instructions: 'short' } as never, undefined, { fields: {}, shouldUseNativeValidation: false });
    const errors = res.errors as Record<string, { type?: string; message?: string; types?: Record<string, string> }>;
    expect(issueText(tr('ru'), issueOfFieldError(errors.name)!)).toBe('Заполните это поле.');
    expect(issueText(tr('en'), issueOfFieldError(errors.system_instructions)!)).toBe('At least 10 characters.');
    const steps = await zodResolver(createChainSchema)({ name: 'x', steps: [] } as never, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(issueText(tr('ru'), issueOfFieldError((steps.errors as Record<string, never>).steps)!)).toBe('Добавьте хотя бы один шаг');
  });
});

describe('components', () => {
  it('do not match error messages with regular expressions', () => {
    const files = ['components/forms/errors.ts', 'components/agents/use-api-errors.ts', 'components/kb/article-files.tsx', 'components/kb/upload-file.ts'];
    for (const f of files) {
      const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
      expect(src, f).not.toMatch(/\.test\(\s*message|message\s*\)\s*\)|\.match\(|\.exec\(message/);
    }
  });
});
