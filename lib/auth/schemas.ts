// Input schemas for the auth endpoints and forms (one schema per field, shared everywhere).
import { z } from 'zod';
import { newPasswordSchema } from './password-policy';
import { isSupportedTimeZone } from '@/lib/i18n/format-time';

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(255, 'Email must be at most 255 characters')
  .pipe(z.email('Enter a valid email address'));

export const registerSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  full_name: z.string({ error: 'Full name is required' }).trim().min(1, 'Full name is required').max(255),
  // Empty means "not given": the workspace gets the default name.
  company_name: z
    .string()
    .trim()
    .max(255, 'Company name must be at most 255 characters')
    .optional()
    .transform((v) => v || undefined),
  locale: z.enum(['ru', 'en', 'kk']).optional(),
  // From an invitation link: the account joins the inviting workspace (company_name is ignored).
  invite_token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,200}$/, 'invite_token is not an invitation token')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // The browser's zone, proposed for the new workspace; anything unknown is ignored (the default applies).
  time_zone: z
    .unknown()
    .optional()
    .transform((v) => (isSupportedTimeZone(v) ? v : undefined)),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(128),
});

export const refreshSchema = z.object({ refresh_token: z.string().min(10).max(200).optional() });

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: z.string({ error: 'Reset token is required' }).min(10, 'Reset token is invalid').max(200),
  password: newPasswordSchema,
});
