// The channel path's due work (docs/channels-api.md, "Due work"): raw updates, the delayed
// reply, delivery and the auto-resume after a takeover. Each handler acts as the `channels`
// system actor of the item's workspace and reads its clock from the runner (tests move it).
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { CHANNEL_DUE_KINDS } from '../types';
import { processChannelUpdate } from './process-update';
import { runReply } from '../reply/run-reply';
import { deliverMessage } from '../delivery/deliver-message';
import { autoResume } from '../takeover/auto-resume';

const idOf = (subject: string, prefix: string): string => {
  if (!subject.startsWith(`${prefix}:`)) throw new Error(`unexpected subject ${subject}`);
  return subject.slice(prefix.length + 1);
};

onDueWork(CHANNEL_DUE_KINDS.update, async ({ workspaceId, item, now }) => {
  await processChannelUpdate(workspaceId, idOf(item.subject, 'update'), { now, lastAttempt: item.attempts >= item.maxAttempts });
});

onDueWork(CHANNEL_DUE_KINDS.reply, async ({ workspaceId, item, now }) => {
  await runReply(workspaceId, idOf(item.subject, 'conversation'), now);
});

onDueWork(CHANNEL_DUE_KINDS.deliver, async ({ workspaceId, item, now }) => {
  const before = Number(item.payload.attempt ?? 0);
  await deliverMessage(workspaceId, idOf(item.subject, 'message'), { now, attempt: before + item.attempts });
});

onDueWork(CHANNEL_DUE_KINDS.resume, async ({ workspaceId, item, now }) => {
  await autoResume(workspaceId, idOf(item.subject, 'conversation'), now);
});
