'use client';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { registerSchema } from '@/lib/auth/schemas';
import { useTranslations } from 'next-intl';
import { useTheme } from 'next-themes';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { FormAlert } from '@/components/forms/form-alert';
import { PasswordInput } from '@/components/forms/password-input';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { registerAction } from '@/app/(auth)/actions';

type Values = {
  full_name: string;
  company_name: string;
  email: string;
  password: string;
  time_zone?: string;
};
const FIELDS = ['full_name', 'company_name', 'email', 'password'] as const;

/** A usable invitation behind `inviteToken`: the account joins its workspace, with its e-mail. */
export interface SignUpInvitation {
  email: string;
  workspace_name: string;
}

export function RegisterForm({ inviteToken, invitation }: { inviteToken?: string; invitation?: SignUpInvitation }) {
  const t = useTranslations('auth');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const { setTheme } = useTheme();
  const [formError, setFormError] = useState<string>();
  const [redirecting, setRedirecting] = useState(false);
  const { register, handleSubmit, setError, setValue, formState } = useForm<Values>({
    resolver: zodResolver(registerSchema) as never,
    defaultValues: { full_name: '', company_name: '', email: invitation?.email ?? '', password: '' },
  });
  const { errors, isSubmitting } = formState;
  // The new workspace's time zone is proposed from this browser (editable later in settings).
  useEffect(() => {
    setValue('time_zone', Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [setValue]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await registerAction(invitation ? { ...values, company_name: '', invite_token: inviteToken } : values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (err?.code === 'email_taken') setError('email', { type: 'email_taken' }, { shouldFocus: true });
      else if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, FIELDS))) setFormError(errorText(err));
      return;
    }
    setRedirecting(true);
    if (result.data.theme) setTheme(result.data.theme);
    // Joined through the invitation already; otherwise the invite page lets them accept it.
    window.location.assign(inviteToken && !invitation ? `/invite/${encodeURIComponent(inviteToken)}` : '/dashboard');
  });

  const emailError = errors.email?.type === 'email_taken' ? t('errors.email_taken') : fieldText('email', errors.email);

  return (
    // method=post: a form submitted before the page is interactive must not put the password in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="register-form">
      <FormAlert testId="register-error">{formError}</FormAlert>
      {invitation && (
        <p className="rounded-lg border bg-muted/40 px-4 py-3 text-sm" data-testid="register-invited">
          {t('inviteSignUp.joining', { workspace: invitation.workspace_name })}
        </p>
      )}
      <input type="hidden" data-testid="register-time-zone" {...register('time_zone')} />
      <div className={invitation ? 'grid gap-5' : 'grid gap-5 sm:grid-cols-2'}>
        <FormField label={t('fields.fullName')} error={fieldText('full_name', errors.full_name)}>
          <Input autoComplete="name" autoFocus placeholder={t('fields.fullNamePlaceholder')} data-testid="register-full-name" {...register('full_name')} />
        </FormField>
        {/* Joining an existing workspace: there is no company to name. */}
        {!invitation && (
          <FormField label={t('fields.companyName')} error={fieldText('company_name', errors.company_name)}>
            <Input autoComplete="organization" placeholder={t('fields.companyNamePlaceholder')} data-testid="register-company-name" {...register('company_name')} />
          </FormField>
        )}
      </div>
      <FormField
        label={t('fields.email')}
        description={invitation ? t('inviteSignUp.emailFixed') : undefined}
        error={emailError}
      >
        <Input
          type="email"
          autoComplete="email"
          placeholder={t('fields.emailPlaceholder')}
          readOnly={!!invitation}
          data-testid="register-email"
          {...register('email')}
        />
      </FormField>
      <FormField label={t('fields.password')} description={t('fields.passwordHint')} error={fieldText('password', errors.password)}>
        <PasswordInput autoComplete="new-password" data-testid="register-password" {...register('password')} />
      </FormField>
      <SubmitButton pending={isSubmitting || redirecting} size="lg" className="mt-1 w-full" data-testid="register-submit">
        {t('register.submit')}
      </SubmitButton>
      <p className="text-center text-xs leading-relaxed text-muted-foreground">{t('register.terms')}</p>
    </form>
  );
}
