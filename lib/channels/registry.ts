// The adapter of each channel type. Imported lazily so a route that serves one channel does
// not load the others.
import type { ChannelAdapter, ChannelType } from './types';

export async function channelAdapter(type: ChannelType): Promise<ChannelAdapter> {
  switch (type) {
    case 'telegram':
      return (await import('./telegram/adapter')).telegramAdapter;
    case 'whatsapp':
      return (await import('./whatsapp/adapter')).whatsappAdapter;
    case 'web_chat':
      return (await import('./web-chat/adapter')).webChatAdapter;
    default: {
      const never: never = type;
      throw new Error(`unknown channel type ${String(never)}`);
    }
  }
}
