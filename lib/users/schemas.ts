import { z } from 'zod';
import { isSupportedTimeZone } from '@/lib/i18n/format-time';

export const THEMES = ['light', 'dark', 'system'] as const;
export const AUTO_RESUME_UNITS = ['дней', 'часов', 'минут'] as const;

export function timeZoneSchema() {
  return z
    .string({ error: 'time_zone must be a time zone name' })
    .refine(isSupportedTimeZone, { message: 'time_zone must be an IANA time zone such as Asia/Almaty', params: { code: 'invalid_time_zone' } });
}

export const updateProfileSchema = z
  .object({
    full_name: z.string().trim().min(1, 'Full name cannot be empty').max(255, 'Full name must be at most 255 characters'),
    company_name: z.string().trim().min(1, 'Company name cannot be empty').max(255, 'Company name must be at most 255 characters'),
    theme: z.enum(THEMES, { error: 'theme must be light, dark or system' }),
    locale: z.enum(['ru', 'en', 'kk'], { error: 'locale must be ru, en or kk' }),
  })
  .partial()
  .strict();
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

export const updateSettingsSchema = z
  .object({
    theme: z.enum(THEMES, { error: 'theme must be light, dark or system' }),
    locale: z.enum(['ru', 'en', 'kk'], { error: 'locale must be ru, en or kk' }),
    stop_on_human_reply: z.boolean({ error: 'stop_on_human_reply must be true or false' }),
    auto_resume_after: z
      .number({ error: 'auto_resume_after must be a number' })
      .int('auto_resume_after must be a whole number')
      .min(1, 'auto_resume_after must be at least 1')
      .max(100000, 'auto_resume_after is too large'),
    auto_resume_unit: z.enum(AUTO_RESUME_UNITS, { error: 'auto_resume_unit must be дней, часов or минут' }),
    /** The workspace's IANA time zone: every displayed time, later working hours. */
    time_zone: timeZoneSchema(),
  })
  .partial()
  .strict();
export type UpdateSettingsInput = z.infer<typeof updateSettingsSchema>;
