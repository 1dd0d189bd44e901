// A knowledge-base file as the API shows it; downloads go through the authorised route.
import type { kbArticleFiles } from '@/lib/db/schema/kb';

export type FileViewRow = Pick<typeof kbArticleFiles.$inferSelect, 'id' | 'articleId' | 'fileName' | 'fileType' | 'fileSize' | 'createdAt'> & {
  /** Whether text was extracted for search (images, spreadsheets and unreadable files have none). */
  hasText: boolean;
};

export function downloadUrl(articleId: number, fileId: string): string {
  return `/api/kb/articles/${articleId}/files/${fileId}/download`;
}

export function presentFile(f: FileViewRow) {
  return {
    id: f.id,
    file_name: f.fileName,
    file_type: f.fileType,
    file_size: f.fileSize,
    has_text: f.hasText,
    download_url: downloadUrl(f.articleId, f.id),
    created_at: f.createdAt.toISOString(),
  };
}
