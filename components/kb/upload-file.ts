// One multipart upload to POST /api/kb/articles/:id/files with progress (fetch has no upload progress).
import { ApiError, workspaceHeaders } from '@/components/agents/api-client';
import type { ArticleFile } from './types';

export function uploadArticleFile(articleId: number, file: File, onProgress: (ratio: number) => void): { promise: Promise<ArticleFile[]>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ArticleFile[]>((resolve, reject) => {
    xhr.open('POST', `/api/kb/articles/${articleId}/files`);
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(workspaceHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = xhr.response as { files?: ArticleFile[]; error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body?.files ?? []);
      const e = body?.error;
      reject(new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message ?? xhr.statusText, e?.details ?? null));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('files', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
