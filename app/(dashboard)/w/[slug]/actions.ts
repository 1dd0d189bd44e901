'use server';
// Shell-wide actions: preferences saved on the user, workspace switching, signing out.
import { z } from 'zod';
import { cookies } from 'next/headers';
import { publicAction, userAction } from '@/lib/actions/safe-action';
import { signOut } from '@/lib/auth/nextauth';
import { updateSettings } from '@/lib/users/update-profile';
import { switchWorkspace } from '@/lib/team/switch-workspace';
import { LOCALE_COOKIE } from '@/lib/i18n/config';

const formInput = z.record(z.string(), z.unknown());

/** Theme and/or locale of the signed-in user; a new locale is mirrored into the locale cookie. */
export const savePreferencesAction = userAction
  .metadata({ name: 'save_preferences' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const profile = await updateSettings(ctx.caller.actor, { theme: parsedInput.theme, locale: parsedInput.locale });
    if (parsedInput.locale !== undefined) {
      (await cookies()).set(LOCALE_COOKIE, profile.locale, { path: '/', maxAge: 365 * 24 * 60 * 60, sameSite: 'lax' });
    }
    return { theme: profile.theme, locale: profile.locale };
  });

export const switchWorkspaceAction = userAction
  .metadata({ name: 'switch_workspace' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => switchWorkspace(ctx.caller.actor, parsedInput));

export const logoutAction = publicAction.metadata({ name: 'logout' }).action(async () => {
  await signOut({ redirect: false });
  return { ok: true };
});
