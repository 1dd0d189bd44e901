// Placeholder of the contract commit: the telegram workstream replaces this file.
import type { ChannelAdapter } from '../types';

export const telegramAdapter: ChannelAdapter = {
  type: 'telegram',
  parseUpdate: () => ({ messages: [], ignored: 'not built yet' }),
  send: async () => {
    throw new Error('telegram adapter not built yet');
  },
};
