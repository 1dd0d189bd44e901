'use client';
// Files of an article: drop or choose to upload (one request per file, with progress and
// per-file errors for too large / wrong type), then a list with download and delete.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CloudUploadIcon, DownloadIcon, FileIcon, Trash2Icon, XIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/sonner';
import { api, ApiError } from '@/components/agents/api-client';
import { useErrorText, useErrorToast } from '@/components/agents/use-api-errors';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { kbKeys, type ArticleDetail, type ArticleFile } from './types';
import { uploadArticleFile } from './upload-file';

const ACCEPT = '.pdf,.docx,.txt,.md,.markdown,.html,.htm,.csv,.xlsx,.png,.jpg,.jpeg,.webp';

interface Upload {
  key: string;
  name: string;
  size: number;
  progress: number;
  error?: string;
}

export function ArticleFiles({ article, canWrite }: { article: ArticleDetail; canWrite: boolean }) {
  const t = useTranslations('kb.files');
  const format = useFormatter();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const showError = useErrorToast();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [deleting, setDeleting] = useState<ArticleFile | null>(null);
  const bytes = (n: number) => format.number(n / (n >= 1024 * 1024 ? 1024 * 1024 : 1024), { maximumFractionDigits: 1 }) + (n >= 1024 * 1024 ? ' MB' : ' KB');

  const setFiles = (update: (files: ArticleFile[]) => ArticleFile[]) => {
    qc.setQueryData<ArticleDetail>(kbKeys.article(article.id), (old) => (old ? { ...old, files: update(old.files) } : old));
    void qc.invalidateQueries({ queryKey: kbKeys.articleLists() });
  };
  // PDF/DOCX text is read in the background: look again until no file is pending.
  const pending = article.files.some((f) => f.extraction_status === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void qc.invalidateQueries({ queryKey: kbKeys.article(article.id) }), 3000);
    return () => clearInterval(timer);
  }, [pending, qc, article.id]);
  const extraction = (f: ArticleFile) => {
    if (f.extraction_status === 'pending') return t('extracting');
    if (f.extraction_status === 'failed') {
      const reason = ['too_large', 'too_many_pages', 'timeout'].includes(f.extraction_error ?? '') ? f.extraction_error! : 'unreadable';
      return t(`extractFailed.${reason}` as 'extractFailed.unreadable');
    }
    return f.has_text === false ? t('noText') : null;
  };
  const patch = (key: string, p: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)));

  const uploadError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 413) return t('tooLarge', { limit: bytes(Number(err.details?.max_bytes ?? 0)) });
    if (err instanceof ApiError && err.status === 415) {
      const allowed = Array.isArray(err.details?.allowed) ? (err.details.allowed as string[]).join(', ') : '';
      return t('unsupported', { allowed });
    }
    return errorText(err);
  };

  const start = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, progress: 0 }]);
      uploadArticleFile(article.id, file, (progress) => patch(key, { progress }))
        .promise.then((saved) => {
          setUploads((list) => list.filter((u) => u.key !== key));
          setFiles((list) => [...list, ...saved]);
          toast.success(t('uploaded', { name: file.name }));
        })
        .catch((err) => patch(key, { error: uploadError(err), progress: 0 }));
    }
  };

  const remove = useMutation({
    mutationFn: (f: ArticleFile) => api<void>('DELETE', `/api/kb/articles/${article.id}/files/${f.id}`),
    onSuccess: (_v, f) => {
      setFiles((list) => list.filter((x) => x.id !== f.id));
      setDeleting(null);
      toast.success(t('deleted'));
    },
    onError: showError,
  });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (canWrite && e.dataTransfer.files.length) start(e.dataTransfer.files);
  };

  return (
    <div className="space-y-3">
      {canWrite && (
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            'flex flex-col items-center gap-1.5 rounded-lg border border-dashed px-3 py-5 text-center transition-colors',
            dragging ? 'border-primary bg-accent/60' : 'hover:border-primary/50',
          )}
          data-testid="kb-file-dropzone"
        >
          <CloudUploadIcon className="size-5 text-muted-foreground" aria-hidden />
          <p className="text-sm">
            {t('drop')}{' '}
            <button type="button" className="font-medium text-primary underline-offset-4 hover:underline" onClick={() => input.current?.click()}>
              {t('choose')}
            </button>
          </p>
          <p className="text-xs text-muted-foreground">{t('formats')}</p>
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT}
            className="sr-only"
            tabIndex={-1}
            onChange={(e) => {
              if (e.target.files?.length) start(e.target.files);
              e.target.value = '';
            }}
            data-testid="kb-file-input"
          />
        </div>
      )}
      {uploads.length > 0 && (
        <ul className="space-y-2" data-testid="kb-uploads">
          {uploads.map((u) => (
            <li key={u.key} className={cn('rounded-md border px-2.5 py-2 text-sm', u.error && 'border-destructive/50 bg-destructive/5')} data-testid="kb-upload">
              <div className="flex items-center gap-2">
                <FileIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                <span className="min-w-0 flex-1 truncate">{u.name}</span>
                <span className="shrink-0 text-xs text-muted-foreground tabular-nums">{u.error ? bytes(u.size) : `${Math.round(u.progress * 100)}%`}</span>
                {u.error && (
                  <button type="button" onClick={() => setUploads((l) => l.filter((x) => x.key !== u.key))} aria-label={t('dismiss')} className="rounded-sm p-0.5 text-muted-foreground hover:text-foreground">
                    <XIcon className="size-3.5" aria-hidden />
                  </button>
                )}
              </div>
              {u.error ? (
                <p className="mt-1 text-xs font-medium text-destructive" role="alert" data-testid="kb-upload-error">
                  {u.error}
                </p>
              ) : (
                <div className="mt-1.5 h-1 overflow-hidden rounded-full bg-muted" role="progressbar" aria-valuenow={Math.round(u.progress * 100)} aria-valuemin={0} aria-valuemax={100} aria-label={u.name}>
                  <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${Math.max(4, u.progress * 100)}%` }} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {article.files.length > 0 ? (
        <ul className="divide-y rounded-md border" data-testid="kb-file-list">
          {article.files.map((f) => (
            <li key={f.id} className="flex items-center gap-2 px-2.5 py-2 text-sm" data-testid="kb-file">
              <FileIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
              <div className="min-w-0 flex-1">
                <a href={f.download_url} className="block truncate hover:underline" download data-testid="kb-file-link">
                  {f.file_name}
                </a>
                <p className={cn('text-xs text-muted-foreground', f.extraction_status === 'failed' && 'text-destructive')} data-testid="kb-file-meta">
                  {f.file_size != null ? bytes(f.file_size) : ''}
                  {extraction(f) && ` · ${extraction(f)}`}
                </p>
              </div>
              <Button asChild variant="ghost" size="icon" className="size-7">
                <a href={f.download_url} download aria-label={t('download', { name: f.file_name })}>
                  <DownloadIcon aria-hidden />
                </a>
              </Button>
              {canWrite && (
                <Button type="button" variant="ghost" size="icon" className="size-7" onClick={() => setDeleting(f)} aria-label={t('delete', { name: f.file_name })} data-testid="kb-file-delete">
                  <Trash2Icon aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        !uploads.length && <p className="text-sm text-muted-foreground">{t('none')}</p>
      )}
      <ConfirmDelete
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={t('deleteTitle', { name: deleting?.file_name ?? '' })}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </div>
  );
}
