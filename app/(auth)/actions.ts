'use server';
// Sign-in, sign-up and password reset for the dashboard; lib/ validates the input with its own schemas.
import { z } from 'zod';
import { cookies, headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { publicAction } from '@/lib/actions/safe-action';
import { AppError } from '@/lib/api/errors';
import { clientIpFrom } from '@/lib/api/client-ip';
import { LoginFailed, signIn } from '@/lib/auth/nextauth';
import { registerUser } from '@/lib/auth/register';
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { resolveCaller } from '@/lib/auth/resolve-caller';
import { loginSchema } from '@/lib/auth/schemas';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/lib/auth/session-cookie';
import type { RequestMeta } from '@/lib/auth/meta';
import { LOCALE_COOKIE, LOCALES, isLocale } from '@/lib/i18n/config';

// The form's values go to lib/ as they are: its schema is the one that validates them,
// and its issues come back as validation_error with details.fields.
const formInput = z.record(z.string(), z.unknown());

const YEAR_SECONDS = 365 * 24 * 60 * 60;

async function requestMeta(requestId: string): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get('user-agent'), requestId };
}

async function setLocaleCookie(locale: string) {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax' });
}

const LOGIN_STATUS: Record<string, number> = { rate_limited: 429, validation_error: 400 };

/** Signs in through next-auth (sets the session cookie); LoginFailed becomes our error code. */
async function signInWithPassword(email: string, password: string) {
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (err) {
    if (err instanceof LoginFailed) {
      const [code, wait] = err.code.split(':');
      const details = wait ? { retry_after_seconds: Number(wait) } : undefined;
      throw new AppError(LOGIN_STATUS[code] ?? 401, code, 'Login failed', details);
    }
    if ((err as { type?: string }).type === 'CredentialsSignin') {
      throw new AppError(401, 'invalid_credentials', 'Email or password is incorrect');
    }
    throw err;
  }
}

/**
 * Reads the user behind the session cookie just set and mirrors their saved locale into
 * the locale cookie; returns the saved theme for the browser to apply.
 */
async function applySavedPreferences(meta: RequestMeta): Promise<{ theme: string | null }> {
  const jar = await cookies();
  const session = jar.get(SECURE_SESSION_COOKIE) ?? jar.get(SESSION_COOKIE);
  if (!session) return { theme: null };
  const req = new Request('http://internal/', { headers: { cookie: `${session.name}=${session.value}` } });
  const caller = await resolveCaller(req, meta, { requireWorkspace: false }).catch(() => null);
  if (!caller) return { theme: null };
  await setLocaleCookie(caller.user.locale);
  return { theme: caller.user.theme };
}

export const loginAction = publicAction
  .metadata({ name: 'login' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const { email, password } = loginSchema.parse(parsedInput);
    await signInWithPassword(email, password);
    return applySavedPreferences(await requestMeta(ctx.requestId));
  });

export const registerAction = publicAction
  .metadata({ name: 'register' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const meta = await requestMeta(ctx.requestId);
    // The account keeps the language the visitor signed up in.
    const { user } = await registerUser({ ...parsedInput, locale: await getLocale() }, meta, { issueTokens: false });
    await signInWithPassword(user.email, String(parsedInput.password));
    await setLocaleCookie(user.locale);
    return { theme: user.theme };
  });

export const forgotPasswordAction = publicAction
  .metadata({ name: 'forgot_password' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    await requestPasswordReset(parsedInput, await requestMeta(ctx.requestId));
    return { sent: true };
  });

export const resetPasswordAction = publicAction
  .metadata({ name: 'reset_password' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const { email } = await resetPassword(parsedInput, await requestMeta(ctx.requestId));
    return { email };
  });

export const setLocaleAction = publicAction
  .metadata({ name: 'set_locale' })
  .inputSchema(z.object({ locale: z.enum(LOCALES) }))
  .action(async ({ parsedInput }) => {
    await setLocaleCookie(parsedInput.locale);
    return { locale: parsedInput.locale };
  });
