// Owner notifications in Telegram: the 'notification.telegram' due work (seed 003).
import { onDueWork } from '@/lib/jobs/due-work/handlers';
import { CHANNEL_DUE_KINDS } from '../types';
import { sendOwnerNotification } from './send-owner-notification';

onDueWork(CHANNEL_DUE_KINDS.ownerNotify, sendOwnerNotification);
