'use client';
// Downloads a CSV from a workspace endpoint (a plain link cannot send X-Tenant-ID).
import { errorFromResponse, workspaceHeaders } from '@/components/agents/api-client';

export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { ...workspaceHeaders() } });
  if (!res.ok) throw await errorFromResponse(res);
  const blob = await res.blob();
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
