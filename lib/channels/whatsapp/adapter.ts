// Placeholder of the contract commit: the whatsapp workstream replaces this file.
import type { ChannelAdapter } from '../types';

export const whatsappAdapter: ChannelAdapter = {
  type: 'whatsapp',
  parseUpdate: () => ({ messages: [], ignored: 'not built yet' }),
  send: async () => {
    throw new Error('whatsapp adapter not built yet');
  },
};
