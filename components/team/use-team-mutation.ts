'use client';
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from '@/components/ui/sonner';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';

/** Runs a team action: a toast either way, then fresh server data. */
export function useTeamMutation() {
  const router = useRouter();
  const errorText = useErrorText();
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<{ serverError?: unknown; data?: unknown } | undefined>, success: string, after?: () => void) =>
    new Promise<boolean>((resolve) =>
      startTransition(async () => {
        const result = await call();
        const err = serverErrorOf(result);
        if (err || !result?.data) {
          toast.error(errorText(err));
          resolve(false);
          return;
        }
        toast.success(success);
        after?.();
        router.refresh();
        resolve(true);
      }),
    );
  return { run, pending };
}
