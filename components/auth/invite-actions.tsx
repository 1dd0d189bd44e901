'use client';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { CheckIcon, LogOutIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { FormAlert } from '@/components/forms/form-alert';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';
import { acceptInvitationAction } from '@/app/(auth)/invite/[token]/actions';
import { logoutAction } from '@/app/(dashboard)/w/[slug]/actions';

export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations('team.accept');
  const errorText = useErrorText();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const [done, setDone] = useState(false);

  const accept = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await acceptInvitationAction({ token });
      const err = serverErrorOf(result);
      if (err || !result?.data) {
        setError(err?.code === 'invitation_invalid' ? t('invalid') : err?.code === 'invitation_email_mismatch' ? t('mismatchShort') : errorText(err));
        return;
      }
      setDone(true);
      window.location.assign('/dashboard');
    });

  return (
    <div className="grid gap-4">
      <FormAlert testId="invite-error">{error}</FormAlert>
      <Button size="lg" className="w-full" onClick={accept} disabled={pending || done} data-testid="accept-invitation">
        {pending || done ? <Spinner label="" aria-hidden /> : <CheckIcon aria-hidden />}
        {t('button')}
      </Button>
    </div>
  );
}

/** Signs out and comes back to the invitation, so the invited address can sign in. */
export function SwitchAccountButton({ token }: { token: string }) {
  const t = useTranslations('team.accept');
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="outline"
      className="w-full"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await logoutAction();
          window.location.assign(`/login?next=${encodeURIComponent(`/invite/${token}`)}`);
        })
      }
      data-testid="switch-account"
    >
      {pending ? <Spinner label="" aria-hidden /> : <LogOutIcon aria-hidden />}
      {t('switchAccount')}
    </Button>
  );
}
