// tsquery text built from lexemes we already normalised (so no parser runs on customer
// text): `'экра':* | 'screen':* | 'iphone' <-> '13'`, optionally restricted to the title (A).

export type QueryItem =
  | { type: 'lexeme'; lexeme: string; prefix: boolean }
  | { type: 'phrase'; lexemes: string[] };

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function lexemeText(lexeme: string, prefix: boolean, titleOnly: boolean): string {
  const flags = `${prefix ? '*' : ''}${titleOnly ? 'A' : ''}`;
  return flags ? `${quote(lexeme)}:${flags}` : quote(lexeme);
}

export function itemText(item: QueryItem, titleOnly = false): string {
  if (item.type === 'lexeme') return lexemeText(item.lexeme, item.prefix, titleOnly);
  return `(${item.lexemes.map((l) => lexemeText(l, false, titleOnly)).join(' <-> ')})`;
}

export function itemKey(item: QueryItem): string {
  return item.type === 'lexeme' ? `${item.prefix ? 'p' : 'l'}:${item.lexeme}` : `ph:${item.lexemes.join(' ')}`;
}

/** OR of the items; null when there are none. */
export function orQuery(items: QueryItem[], titleOnly = false): string | null {
  if (!items.length) return null;
  return items.map((i) => itemText(i, titleOnly)).join(' | ');
}
