'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { z } from 'zod';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { useTranslations } from 'next-intl';
import { CircleCheckIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { FormAlert } from '@/components/forms/form-alert';
import { PasswordInput } from '@/components/forms/password-input';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { resetPasswordAction } from '@/app/(auth)/actions';

type Values = {
  password: string;
  confirm: string;
};
// The password rules are lib's; only the second entry is this form's own.
const formSchema = z.object({ password: newPasswordSchema, confirm: z.string() });

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const [formError, setFormError] = useState<string>();
  const [tokenInvalid, setTokenInvalid] = useState(false);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(formSchema) as never,
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async ({ password, confirm }) => {
    setFormError(undefined);
    setTokenInvalid(false);
    // Matching the two entries is a form concern; the password rules are lib's schema.
    if (password !== confirm) {
      setError('confirm', { type: 'mismatch' }, { shouldFocus: true });
      return;
    }
    const result = await resetPasswordAction({ token, password });
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (err?.code === 'invalid_token') setTokenInvalid(true);
      else if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, ['password']))) {
        // The only other field lib checks is the token itself.
        if (err?.code === 'validation_error') setTokenInvalid(true);
        else setFormError(errorText(err));
      }
      return;
    }
    setDone(true);
  });

  if (done) {
    return (
      <div className="grid gap-5" data-testid="reset-password-done">
        <FormAlert variant="success">{t('reset.done')}</FormAlert>
        <Button asChild size="lg" className="w-full" data-testid="reset-login-link">
          <Link href="/login">
            <CircleCheckIcon aria-hidden />
            {t('reset.toLogin')}
          </Link>
        </Button>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="reset-password-form">
      <FormAlert>{formError}</FormAlert>
      {tokenInvalid && (
        <FormAlert testId="reset-error">
          {t('errors.invalid_token')}{' '}
          <Link href="/forgot-password" className="font-medium underline underline-offset-2">
            {t('reset.requestNew')}
          </Link>
        </FormAlert>
      )}
      <FormField label={t('fields.newPassword')} description={t('fields.passwordHint')} error={fieldText('password', errors.password)}>
        <PasswordInput autoComplete="new-password" autoFocus data-testid="reset-password" {...register('password')} />
      </FormField>
      <FormField label={t('fields.confirmPassword')} error={fieldText('confirm', errors.confirm)}>
        <PasswordInput autoComplete="new-password" data-testid="reset-password-confirm" {...register('confirm')} />
      </FormField>
      <SubmitButton pending={isSubmitting} size="lg" className="w-full" data-testid="reset-submit">
        {t('reset.submit')}
      </SubmitButton>
    </form>
  );
}
