// Searchable text from an uploaded knowledge-base file, by its checked MIME type.
// A file that cannot be read is kept without text: extraction never fails an upload.
import { logger } from '@/lib/log/logger';
import { htmlToText } from './html-to-text';

export const EXTRACTED_TEXT_MAX = 500_000;

type Extractor = (bytes: Uint8Array) => Promise<string>;

const utf8: Extractor = async (bytes) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

const EXTRACTORS: Record<string, Extractor> = {
  'text/plain': utf8,
  'text/markdown': utf8,
  'text/csv': utf8,
  'text/html': async (bytes) => htmlToText(await utf8(bytes)),
  'application/pdf': async (bytes) => {
    const { extractText } = await import('unpdf');
    // unpdf may detach the buffer it is given: hand it a copy.
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    return text;
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': async (bytes) => {
    const mammoth = (await import('mammoth')).default;
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value;
  },
};

/** The file's text (capped), or null for images, spreadsheets and files that could not be read. */
export async function extractText(bytes: Uint8Array, mime: string, fileName: string): Promise<string | null> {
  const extractor = EXTRACTORS[mime];
  if (!extractor) return null;
  try {
    const text = (await extractor(bytes)).replace(/\u0000/g, '').trim();
    return text ? text.slice(0, EXTRACTED_TEXT_MAX) : null;
  } catch (err) {
    logger.warn({ file_name: fileName, mime, err: (err as Error).message }, 'kb file text extraction failed; file kept without text');
    return null;
  }
}
