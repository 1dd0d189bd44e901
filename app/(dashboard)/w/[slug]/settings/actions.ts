'use server';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/safe-action';
import { updateSettings } from '@/lib/users/update-profile';

const formInput = z.record(z.string(), z.unknown());

/** Workspace-level agent behaviour; lib parses it with updateSettingsSchema. */
export const updateAgentSettingsAction = workspaceAction.metadata({ name: 'update_agent_settings', permission: 'settings.write' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const p = await updateSettings(ctx.caller.actor, {
      stop_on_human_reply: parsedInput.stop_on_human_reply,
      auto_resume_after: parsedInput.auto_resume_after,
      auto_resume_unit: parsedInput.auto_resume_unit,
    });
    return {
      stop_on_human_reply: p.stop_on_human_reply,
      auto_resume_after: p.auto_resume_after,
      auto_resume_unit: p.auto_resume_unit,
    };
  });

/** The workspace's time zone (owners and admins); lib validates it against the supported zones. */
export const updateTimeZoneAction = workspaceAction.metadata({ name: 'update_time_zone', permission: 'settings.write' })
  .inputSchema(formInput)
  .action(async ({ parsedInput, ctx }) => {
    const p = await updateSettings(ctx.caller.actor, { time_zone: parsedInput.time_zone });
    return { time_zone: p.time_zone };
  });
