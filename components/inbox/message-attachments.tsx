'use client';
// A message's files: images shown, voice with a player and its transcript, documents as links.
import { useTranslations } from 'next-intl';
import { FileTextIcon, MicIcon } from 'lucide-react';
import type { Attachment } from './types';

export function fileUrl(a: Attachment): string | null {
  if (a.key) return `/api/files/${a.key.split('/').map(encodeURIComponent).join('/')}`;
  return a.url ?? null;
}

function kindOf(a: Attachment): 'image' | 'voice' | 'document' {
  const k = a.kind ?? '';
  const mime = a.mime_type ?? '';
  if (k === 'image' || k === 'sticker' || (!k && mime.startsWith('image/'))) return 'image';
  if (k === 'voice' || k === 'audio' || (!k && mime.startsWith('audio/'))) return 'voice';
  return 'document';
}

export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  const t = useTranslations('inbox.thread');
  if (!attachments?.length) return null;
  return (
    <div className="mt-1 space-y-1.5" data-testid="message-attachments">
      {attachments.map((a, i) => {
        const url = fileUrl(a);
        const kind = kindOf(a);
        if (kind === 'image' && url)
          return (
            <a key={i} href={url} target="_blank" rel="noreferrer" className="block">
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={url} alt={a.name ?? t('image')} className="max-h-60 max-w-full rounded-lg object-contain" loading="lazy" data-testid="attachment-image" />
            </a>
          );
        if (kind === 'voice')
          return (
            <div key={i} className="space-y-1" data-testid="attachment-voice">
              <span className="flex items-center gap-1 text-[11px] opacity-80">
                <MicIcon className="size-3" aria-hidden />
                {t('voice')}
                {a.duration_seconds ? ` · ${Math.round(a.duration_seconds)} ${t('seconds')}` : ''}
              </span>
              {url && <audio controls preload="none" src={url} className="h-8 w-56 max-w-full" />}
              {a.transcript && (
                <p className="rounded-md bg-background/40 px-2 py-1 text-xs italic" data-testid="attachment-transcript">
                  {t('transcript')}: {a.transcript}
                </p>
              )}
            </div>
          );
        return (
          <a
            key={i}
            href={url ?? undefined}
            target="_blank"
            rel="noreferrer"
            className="flex items-center gap-1.5 rounded-md bg-background/40 px-2 py-1 text-xs underline-offset-2 hover:underline"
            data-testid="attachment-document"
          >
            <FileTextIcon className="size-3.5 shrink-0" aria-hidden />
            <span className="truncate">{a.name ?? t('document')}</span>
          </a>
        );
      })}
    </div>
  );
}
