// Why a file's text could not be extracted; the code is stored on the file row and
// shown (translated) in the API and the article editor.
export const EXTRACTION_FAILURES = ['too_large', 'too_many_pages', 'timeout', 'unreadable'] as const;
export type ExtractionFailure = (typeof EXTRACTION_FAILURES)[number];

export class ExtractionFailed extends Error {
  constructor(
    public readonly reason: ExtractionFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'ExtractionFailed';
  }
}
