'use client';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { zodResolver } from '@/components/forms/resolver';
import type { z } from 'zod';
import { LockIcon } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { toast } from '@/components/ui/sonner';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import { updateProfileSchema } from '@/lib/users/schemas';
import { updateProfileAction } from '@/app/(dashboard)/w/[slug]/profile/actions';

type FormIn = z.input<typeof updateProfileSchema>;
type FormOut = z.output<typeof updateProfileSchema>;

export function ProfileForm({
  fullName,
  companyName,
  email,
  canEditCompany,
}: {
  fullName: string;
  companyName: string;
  email: string;
  canEditCompany: boolean;
}) {
  const t = useTranslations('profile');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const router = useRouter();
  const { register, handleSubmit, setError, reset, formState } = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(updateProfileSchema),
    // Only what this person may change is sent; lib would refuse company_name otherwise.
    defaultValues: canEditCompany ? { full_name: fullName, company_name: companyName } : { full_name: fullName },
  });
  const { errors, isSubmitting, isDirty } = formState;

  const onSubmit = handleSubmit(async (values) => {
    const result = await updateProfileAction(values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, ['full_name', 'company_name']))) {
        toast.error(errorText(err));
      }
      return;
    }
    reset({ full_name: result.data.full_name ?? '', ...(canEditCompany ? { company_name: result.data.company_name ?? '' } : {}) });
    toast.success(t('saved'));
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6" data-testid="profile-form">
      <div className="grid items-start gap-6 sm:grid-cols-2">
        <FormField label={t('fields.fullName')} error={fieldText('full_name', errors.full_name)}>
          <Input autoComplete="name" data-testid="profile-full-name" {...register('full_name')} />
        </FormField>
        <FormField label={t('fields.email')} description={t('fields.emailHint')}>
          <Input value={email} readOnly disabled data-testid="profile-email" />
        </FormField>
      </div>
      {canEditCompany ? (
        <FormField label={t('fields.companyName')} error={fieldText('company_name', errors.company_name)}>
          <Input autoComplete="organization" data-testid="profile-company-name" {...register('company_name')} />
        </FormField>
      ) : (
        <FormField
          label={t('fields.companyName')}
          description={
            <span className="inline-flex items-center gap-1.5">
              <LockIcon className="size-3.5" aria-hidden />
              {t('fields.companyReadOnly')}
            </span>
          }
        >
          <Input value={companyName} readOnly disabled data-testid="profile-company-name" />
        </FormField>
      )}
      <div className="flex justify-end border-t pt-5">
        <SubmitButton pending={isSubmitting} disabled={!isDirty} data-testid="profile-submit">
          {t('save')}
        </SubmitButton>
      </div>
    </form>
  );
}
