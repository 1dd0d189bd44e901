// The name of an uploaded file as we keep, show and offer it for download.
//
// Dropped: folders, C0/C1 control characters and the invisible formatting characters
// that reorder or hide text (bidirectional overrides and isolates such as U+202E,
// which make "gpj.exe" display as "exe.jpg", and zero-width characters).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export function cleanFileName(raw: string, ext: string): string {
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(UNSAFE, '').trim();
  return (name || `file.${ext}`).slice(0, 255);
}
