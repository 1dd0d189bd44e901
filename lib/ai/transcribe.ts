// Speech to text for customers' voice messages (seed 003) through the provider's
// `/audio/transcriptions` (OpenAI, or any compatible server: the custom base URL), the
// model from TRANSCRIPTION_MODEL. Null when no provider that transcribes is configured:
// the caller stores the audio and leaves the message to a person. Never inside a transaction.
import OpenAI, { toFile } from 'openai';
import { assertNoTransaction } from '@/lib/db/actor';
import { getEnv } from '@/lib/env';
import { resolveProviderConfig } from '@/lib/ai/provider/provider-config';

export interface AudioInput {
  bytes: Uint8Array;
  mimeType: string;
  fileName?: string | null;
}

export interface Transcript {
  text: string;
  model: string;
}

/** Telegram voice notes are `.oga` (Ogg/Opus); providers accept the same bytes as `.ogg`. */
export function transcriptionFileName(name: string | null | undefined, mimeType: string): string {
  const base = (name ?? '').split('/').pop() || 'voice';
  if (/\.oga$/i.test(base)) return base.replace(/\.oga$/i, '.ogg');
  if (/\.[a-z0-9]{2,5}$/i.test(base)) return base;
  const ext = /ogg|opus/.test(mimeType) ? 'ogg' : /mpeg|mp3/.test(mimeType) ? 'mp3' : /mp4|m4a|aac/.test(mimeType) ? 'm4a' : /wav/.test(mimeType) ? 'wav' : /webm/.test(mimeType) ? 'webm' : 'ogg';
  return `${base}.${ext}`;
}

export async function transcribeAudio(workspaceId: string, audio: AudioInput, opts: { signal?: AbortSignal } = {}): Promise<Transcript | null> {
  assertNoTransaction('transcribeAudio');
  const config = (await resolveProviderConfig('openai', workspaceId)) ?? (await resolveProviderConfig('custom', workspaceId));
  if (!config) return null;
  const model = getEnv().TRANSCRIPTION_MODEL;
  const client = new OpenAI({ apiKey: config.apiKey || 'none', baseURL: config.baseURL, maxRetries: 2, timeout: 120_000 });
  const file = await toFile(Buffer.from(audio.bytes), transcriptionFileName(audio.fileName, audio.mimeType), { type: audio.mimeType });
  const res = await client.audio.transcriptions.create({ file, model }, { signal: opts.signal });
  return { text: (res.text ?? '').trim(), model };
}
