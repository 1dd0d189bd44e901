// What a search returns per article beyond its rank: title, the matching chunk, a snippet
// with the query words highlighted (ts_headline in the russian and english configs, the one
// that highlights more wins), related articles and downloadable files.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { queryRows } from '@/lib/db/actor';

export const HIGHLIGHT_START = '**';
export const HIGHLIGHT_STOP = '**';
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export interface HitChunk {
  id: string;
  chunk_index: number;
  file_id: string | null;
  content: string;
}

export interface HitFile {
  id: string;
  file_name: string;
  file_type: string;
  download_url: string;
}

export interface HitDetails {
  id: number;
  title: string;
  snippet: string;
  chunk: HitChunk;
  related_articles: { id: number; title: string }[];
  files: HitFile[];
}

interface Row {
  id: number;
  title: string;
  chunk_id: string;
  chunk_index: number;
  file_id: string | null;
  content: string;
  head_ru: string | null;
  head_en: string | null;
  related: { id: number; title: string }[] | string | null;
  files: { id: string; file_name: string; file_type: string }[] | string | null;
}

const json = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function highlights(s: string | null): number {
  return s ? s.split(HIGHLIGHT_START).length - 1 : 0;
}

export function downloadUrl(articleId: number, fileId: string): string {
  return `/api/kb/articles/${articleId}/files/${fileId}/download`;
}

export async function loadHitDetails(
  tx: Tx,
  workspaceId: string,
  hits: { articleId: number; chunkId: string }[],
  tsquery: string | null,
  opts: { relatedActiveOnly: boolean },
): Promise<Map<number, HitDetails>> {
  const out = new Map<number, HitDetails>();
  if (!hits.length) return out;
  const pairs = JSON.stringify(hits.map((h) => ({ article_id: h.articleId, chunk_id: h.chunkId })));
  const headline = (config: 'russian' | 'english') =>
    tsquery
      ? sql`ts_headline(${config}::regconfig, c.content, ${tsquery}::tsquery, ${HEADLINE_OPTIONS})`
      : sql`null::text`;
  const rows = await queryRows<Row>(
    tx,
    sql`select a.id, a.title, c.id::text as chunk_id, c.chunk_index, c.file_id::text as file_id, c.content,
          ${headline('russian')} as head_ru, ${headline('english')} as head_en,
          (select coalesce(json_agg(json_build_object('id', ra.id, 'title', ra.title) order by ra.title, ra.id), '[]'::json)
             from public.kb_article_relations r
             join public.kb_articles ra on ra.id = r.related_article_id and ra.workspace_id = ${workspaceId}::uuid
             where r.article_id = a.id and r.workspace_id = ${workspaceId}::uuid
               and (ra.is_active or not ${opts.relatedActiveOnly})) as related,
          (select coalesce(json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'file_type', f.file_type) order by f.created_at, f.id), '[]'::json)
             from public.kb_article_files f
             where f.article_id = a.id and f.workspace_id = ${workspaceId}::uuid) as files
        from jsonb_to_recordset(${pairs}::jsonb) as p(article_id int, chunk_id uuid)
        join public.kb_articles a on a.id = p.article_id and a.workspace_id = ${workspaceId}::uuid
        join public.kb_chunks c on c.id = p.chunk_id and c.workspace_id = ${workspaceId}::uuid`,
  );
  for (const r of rows) {
    const ru = r.head_ru;
    const en = r.head_en;
    const snippet = (highlights(en) > highlights(ru) ? en : ru) ?? r.content.slice(0, 300);
    out.set(Number(r.id), {
      id: Number(r.id),
      title: r.title,
      snippet,
      chunk: { id: r.chunk_id, chunk_index: Number(r.chunk_index), file_id: r.file_id, content: r.content },
      related_articles: (json(r.related) ?? []).map((x) => ({ id: Number(x.id), title: x.title })),
      files: (json(r.files) ?? []).map((f) => ({ id: f.id, file_name: f.file_name, file_type: f.file_type, download_url: downloadUrl(Number(r.id), f.id) })),
    });
  }
  return out;
}
