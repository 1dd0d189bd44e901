// Searchable text from an uploaded knowledge-base file, by its checked MIME type.
// Plain text formats are read at upload; PDF and DOCX are read in the background
// (lib/kb/files/extract-article-file.ts) under caps on inflated size, pages and time,
// and a file that breaks a cap fails alone, with its reason on the row.
import { logger } from '@/lib/log/logger';
import { stripNul } from '@/lib/api/text-guard';
import { htmlToText } from './html-to-text';
import { checkZip } from './check-zip';
import { ExtractionFailed } from './extraction-failed';

export const EXTRACTED_TEXT_MAX = 500_000;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = 'application/pdf';

/** Types whose text is extracted in the background, not during the upload request. */
export const BACKGROUND_TYPES = new Set([PDF, DOCX]);

export interface ExtractionLimits {
  maxUncompressedBytes: number;
  maxPages: number;
  timeoutMs: number;
}

type Extractor = (bytes: Uint8Array) => Promise<string>;

const utf8: Extractor = async (bytes) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

const TEXT_EXTRACTORS: Record<string, Extractor> = {
  'text/plain': utf8,
  'text/markdown': utf8,
  'text/csv': utf8,
  'text/html': async (bytes) => htmlToText(await utf8(bytes)),
};

function clean(text: string): string | null {
  // Text pasted from documents may carry NULs, which PostgreSQL cannot store: dropped here.
  const t = stripNul(text).trim();
  return t ? t.slice(0, EXTRACTED_TEXT_MAX) : null;
}

/** The text of a plain text file (capped), or null for types without text or unreadable bytes. */
export async function extractText(bytes: Uint8Array, mime: string, fileName: string): Promise<string | null> {
  const extractor = TEXT_EXTRACTORS[mime];
  if (!extractor) return null;
  try {
    return clean(await extractor(bytes));
  } catch (err) {
    logger.warn({ file_name: fileName, mime, err: (err as Error).message }, 'kb file text extraction failed; file kept without text');
    return null;
  }
}

async function pdfText(bytes: Uint8Array, limits: ExtractionLimits, deadline: number): Promise<string> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // unpdf may detach the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (err) {
    throw new ExtractionFailed('unreadable', (err as Error).message);
  }
  try {
    if (pdf.numPages > limits.maxPages) throw new ExtractionFailed('too_many_pages', `${pdf.numPages} pages; at most ${limits.maxPages}`);
    const parts: string[] = [];
    let length = 0;
    for (let i = 1; i <= pdf.numPages && length < EXTRACTED_TEXT_MAX; i++) {
      if (Date.now() > deadline) throw new ExtractionFailed('timeout', `stopped at page ${i}`);
      const page = await pdf.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      parts.push(text);
      length += text.length;
      page.cleanup();
    }
    return parts.join('\n');
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

async function docxText(bytes: Uint8Array, limits: ExtractionLimits): Promise<string> {
  checkZip(bytes, { maxUncompressedBytes: limits.maxUncompressedBytes, maxRatio: 200, maxEntries: 5000 });
  const mammoth = (await import('mammoth')).default;
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  } catch (err) {
    throw new ExtractionFailed('unreadable', (err as Error).message);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExtractionFailed('timeout', `over ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The text of a PDF or DOCX under the limits; throws ExtractionFailed naming the
 * broken cap, or returns null when the document simply has no text.
 */
export async function extractDocumentText(bytes: Uint8Array, mime: string, limits: ExtractionLimits): Promise<string | null> {
  const deadline = Date.now() + limits.timeoutMs;
  if (mime === PDF) return clean(await withTimeout(pdfText(bytes, limits, deadline), limits.timeoutMs));
  if (mime === DOCX) return clean(await withTimeout(docxText(bytes, limits), limits.timeoutMs));
  return null;
}
