'use client';
// The invite form; with mail off it says so up front and, after inviting, hands over the link to copy.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { inviteSchema } from '@/lib/team/schemas';
import { useTranslations } from 'next-intl';
import { CheckIcon, CopyIcon, MailXIcon, UserPlusIcon } from 'lucide-react';
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

/** The link as this browser reaches the app (APP_URL may be unset on a fresh install). */
function linkHere(acceptUrl: string): string {
  try {
    const u = new URL(acceptUrl);
    return `${window.location.origin}${u.pathname}`;
  } catch {
    return acceptUrl;
  }
}

export function InviteDialogClient({ roles, mailEnabled }: { roles: Role[]; mailEnabled: boolean }) {
  const t = useTranslations('team.invite');
  const tm = useTranslations('team.inviteMailOff');
  const roleName = useTranslations('common.roles');
  const roleHint = useTranslations('team.roleHints');
  const common = useTranslations('common');
  const fieldText = useFieldErrorText();
  const errorText = useErrorText();
  const router = useRouter();
  const inviteMember = useWorkspaceAction(inviteMemberAction);
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string>();
  /** After inviting with mail off: the link to hand over, and for whom. */
  const [handover, setHandover] = useState<{ link: string; email: string } | null>(null);
  const [copied, setCopied] = useState(false);
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
      setHandover(null);
      setCopied(false);
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
    router.refresh();
    if (result.data.accept_url) {
      setHandover({ link: linkHere(result.data.accept_url), email: result.data.email });
      return;
    }
    toast.success(t('sent', { email: result.data.email }));
    onOpenChange(false);
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
          <DialogTitle>{handover ? tm('linkTitle') : t('title')}</DialogTitle>
          <DialogDescription>
            {handover ? tm('linkDescription', { email: handover.email }) : mailEnabled ? t('description') : tm('description')}
          </DialogDescription>
        </DialogHeader>
        {handover ? (
          <div className="grid gap-4" data-testid="invite-handover">
            <div className="flex gap-2">
              <Input readOnly value={handover.link} onFocus={(e) => e.currentTarget.select()} aria-label={tm('linkLabel')} data-testid="invite-link" />
              <Button
                type="button"
                variant="outline"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(handover.link);
                    setCopied(true);
                    toast.success(tm('copied'));
                  } catch {
                    toast.error(tm('copyFailed'));
                  }
                }}
                data-testid="invite-copy-link"
              >
                {copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
                {tm('copy')}
              </Button>
            </div>
            <p className="text-xs text-muted-foreground">{tm('linkHint')}</p>
            <DialogFooter>
              <Button type="button" onClick={() => onOpenChange(false)} data-testid="invite-done">
                {tm('done')}
              </Button>
            </DialogFooter>
          </div>
        ) : (
        <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="invite-form">
          {!mailEnabled && (
            <div className="flex gap-3 rounded-lg border border-warning/40 bg-warning/10 px-3.5 py-3 text-sm" data-testid="invite-mail-off">
              <MailXIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
              <p>{tm('notice')}</p>
            </div>
          )}
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
              {mailEnabled ? t('submit') : tm('submit')}
            </SubmitButton>
          </DialogFooter>
        </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
