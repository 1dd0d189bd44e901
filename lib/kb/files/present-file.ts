// A knowledge-base file as the API shows it; downloads go through the authorised route.
import type { kbArticleFiles } from '@/lib/db/schema/kb';

export type FileViewRow = Pick<
  typeof kbArticleFiles.$inferSelect,
  'id' | 'articleId' | 'fileName' | 'fileType' | 'fileSize' | 'createdAt' | 'extractionStatus' | 'extractionError'
> & {
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
    /** pending while PDF/DOCX text is extracted in the background; failed names its reason. */
    extraction_status: f.extractionStatus as 'pending' | 'done' | 'failed',
    extraction_error: f.extractionError,
    download_url: downloadUrl(f.articleId, f.id),
    created_at: f.createdAt.toISOString(),
  };
}
