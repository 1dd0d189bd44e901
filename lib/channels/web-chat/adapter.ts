// Placeholder of the contract commit: the web_chat workstream replaces this file.
import type { ChannelAdapter } from '../types';

export const webChatAdapter: ChannelAdapter = {
  type: 'web_chat',
  parseUpdate: () => ({ messages: [], ignored: 'not built yet' }),
  send: async () => {
    throw new Error('web_chat adapter not built yet');
  },
};
