'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { inviteSchema } from '@/lib/team/schemas';
import { useTranslations } from 'next-intl';
import { UserPlusIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { FormField } from '@/components/ui/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { applyFieldIssues, serverErrorOf, useErrorText, useFieldErrorText } from '@/components/forms/errors';
import type { Role } from '@/lib/auth/permissions';
import { useWorkspaceAction } from '@/components/dashboard/workspace-context';
import { inviteMemberAction } from '@/app/(dashboard)/w/[slug]/team/actions';

type Values = {
  email: string;
  role: Role;
};

export function InviteDialog({ roles }: { roles: Role[] }) {
  const t = useTranslations('team.invite');
  const roleName = useTranslations('common.roles');
  const roleHint = useTranslations('team.roleHints');
  const common = useTranslations('common');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const inviteMember = useWorkspaceAction(inviteMemberAction);
  const [formError, setFormError] = useState<string>();
  const defaultRole: Role = roles.includes('member') ? 'member' : roles[roles.length - 1];
  const { register, control, handleSubmit, setError, reset, formState, watch } = useForm<Values>({
    resolver: zodResolver(inviteSchema) as never,
    defaultValues: { email: '', role: defaultRole },
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      reset();
      setFormError(undefined);
    }
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await inviteMember(values);
    const err = serverErrorOf(result);
    if (err || !result?.data) {
      if (err?.code === 'already_member') setError('email', { type: 'already_member' }, { shouldFocus: true });
      else if (!(err?.code === 'validation_error' && applyFieldIssues(err, setError, ['email', 'role']))) setFormError(errorText(err));
      return;
    }
    toast.success(t('sent', { email: result.data.email }));
    onOpenChange(false);
    router.refresh();
  });

  const emailError =
    formState.errors.email?.type === 'already_member' ? t('alreadyMember') : fieldText('email', formState.errors.email);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="invite-button">
          <UserPlusIcon aria-hidden />
          {t('button')}
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="invite-dialog" closeLabel={common('actions.close')}>
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="invite-form">
          <FormAlert>{formError}</FormAlert>
          <FormField label={t('email')} error={emailError}>
            <Input type="email" autoComplete="off" placeholder={t('emailPlaceholder')} data-testid="invite-email" {...register('email')} />
          </FormField>
          <Controller
            control={control}
            name="role"
            render={({ field }) => (
              <FormField label={t('role')} description={roleHint(watch('role'))} error={fieldText('role', formState.errors.role)}>
                {(p) => (
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger {...p} data-testid="invite-role">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {roles.map((r) => (
                        <SelectItem key={r} value={r} data-testid={`invite-role-${r}`}>
                          {roleName(r)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </FormField>
            )}
          />
          <DialogFooter className="pt-1">
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {common('actions.cancel')}
            </Button>
            <SubmitButton pending={formState.isSubmitting} data-testid="invite-submit">
              {t('submit')}
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
