'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { loginSchema } from '@/lib/auth/schemas';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { FormAlert } from '@/components/forms/form-alert';
import { PasswordInput } from '@/components/forms/password-input';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { loginAction } from '@/app/(auth)/actions';
import { safeNext } from './safe-next';

type Values = {
  email: string;
  password: string;
};
const FIELDS = ['email', 'password'] as const;

export function LoginForm({ next, initialError }: { next: string; initialError?: string }) {
  const t = useTranslations('auth');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const { setTheme } = useTheme();
  const [formError, setFormError] = useState<string | undefined>(initialError);
  const [redirecting, setRedirecting] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(loginSchema) as never, defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await loginAction(values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (err?.code === 'invalid_credentials') setFormError(t('errors.invalid_credentials'));
      else if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, FIELDS))) setFormError(errorText(err));
      return;
    }
    setRedirecting(true);
    if (result.data.theme) setTheme(result.data.theme);
    // A full load so the whole page (including <html lang>) renders in the user's saved language.
    window.location.assign(safeNext(next));
  });

  return (
    // method=post: a form submitted before the page is interactive must not put the password in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="login-form">
      <FormAlert testId="login-error">{formError}</FormAlert>
      <FormField label={t('fields.email')} error={fieldText('email', errors.email)}>
        <Input type="email" autoComplete="email" autoFocus placeholder={t('fields.emailPlaceholder')} data-testid="login-email" {...register('email')} />
      </FormField>
      <div className="relative">
        <FormField label={t('fields.password')} error={fieldText('password', errors.password)}>
          <PasswordInput autoComplete="current-password" data-testid="login-password" {...register('password')} />
        </FormField>
        <Link
          href="/forgot-password"
          className="absolute top-0 right-0 rounded-sm text-xs leading-none font-medium text-primary outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          data-testid="forgot-password-link"
        >
          {t('login.forgot')}
        </Link>
      </div>
      <SubmitButton pending={isSubmitting || redirecting} size="lg" className="mt-1 w-full" data-testid="login-submit">
        {t('login.submit')}
      </SubmitButton>
    </form>
  );
}
