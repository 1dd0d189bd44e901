// Knowledge-base test helpers: records through the API, a viewer member, outbox rows, a real PDF.
import { api, registerUser } from './api';
import type { Database } from '@/lib/db/client';

export type TestUser = Awaited<ReturnType<typeof registerUser>>;

export async function createCategory(token: string, body: Record<string, unknown>) {
  const res = await api('POST', '/api/kb/categories', { token, body });
  if (res.status !== 201) throw new Error(`create category: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.category as { id: string; name: string; path: string; level: number; parent_id: string | null };
}

export async function createArticle(token: string, body: Record<string, unknown>) {
  const res = await api('POST', '/api/kb/articles', { token, body });
  if (res.status !== 201) throw new Error(`create article: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.article as { id: number; title: string; [k: string]: any };
}

/** A second user who is a viewer (or another role) in the given user's workspace. */
export async function addMember(db: Database, owner: TestUser, role: 'viewer' | 'member' = 'viewer') {
  const user = await registerUser();
  await db.query('insert into memberships (workspace_id, user_id, role) values ($1, $2, $3)', [owner.workspaceId, user.userId, role]);
  return { ...user, headers: { 'x-tenant-id': owner.workspaceId } };
}

export async function outboxEvents(db: Database, workspaceId: string) {
  return db.query<{ name: string; data: { workspace_id: string; article_id: number } }>(
    'select name, data from event_outbox where workspace_id = $1 order by id',
    [workspaceId],
  );
}

/** A minimal valid one-page PDF whose text layer says `text` (ASCII), with a correct xref table. */
export function buildPdf(text: string): Uint8Array {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 12 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export function fileForm(files: { name: string; bytes: Uint8Array | string; type?: string }[], field = 'files'): FormData {
  const form = new FormData();
  for (const f of files) {
    const bytes = typeof f.bytes === 'string' ? new TextEncoder().encode(f.bytes) : f.bytes;
    form.append(field, new File([bytes as BlobPart], f.name, { type: f.type ?? 'application/octet-stream' }));
  }
  return form;
}

/**
 * Runs the background text extraction of every pending file in a workspace, as the
 * kb/file.uploaded job does (tests have no in-process event handlers registered).
 */
export async function runPendingExtractions(db: Database, workspaceId: string) {
  const { extractArticleFile } = await import('@/lib/kb/files/extract-article-file');
  const rows = await db.query<{ id: string }>(
    `select id from kb_article_files where workspace_id = $1 and extraction_status = 'pending' order by created_at, id`,
    [workspaceId],
  );
  const outcomes = [];
  for (const r of rows) outcomes.push({ id: r.id, ...(await extractArticleFile(workspaceId, r.id)) });
  return outcomes;
}
