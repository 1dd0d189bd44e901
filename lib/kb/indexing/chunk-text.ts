// Splits article and file text into search chunks of ~1,200 characters on
// paragraph and sentence boundaries, each chunk after the first opening with
// ~150 characters of the previous one so a fact cut at a boundary is still found.
// Packing is greedy from the start and depends only on what came before, so an
// edit leaves earlier chunks identical and later ones re-align at the next
// paragraph boundary (their hashes, and so their embeddings, survive).

export interface ChunkOptions {
  size?: number;
  overlap?: number;
}

export const CHUNK_SIZE = 1200;
export const CHUNK_OVERLAP = 150;
/** Below this share of its budget a chunk splits the next paragraph to fill up. */
const FILL = 0.75;

interface Unit {
  text: string;
  /** How it joins the unit before it: a paragraph break or a space inside a paragraph. */
  sep: '\n\n' | ' ';
}

export function chunkText(input: string, opts: ChunkOptions = {}): string[] {
  const size = opts.size ?? CHUNK_SIZE;
  const overlap = Math.min(opts.overlap ?? CHUNK_OVERLAP, Math.floor(size / 4));
  const text = normalize(input);
  if (!text) return [];
  if (text.length <= size) return [text];

  // Units are packed into a budget of size - overlap and the previous chunk's tail is
  // prepended afterwards, so where a chunk ends never depends on the overlap text.
  const budget = size - overlap;
  const queue = splitUnits(text, budget);
  const chunks: string[] = [];
  let tail = '';
  let body: Unit[] = [];
  let bodyLength = 0;
  const flush = () => {
    const joined = body.map((u, i) => (i === 0 ? u.text : u.sep + u.text)).join('');
    chunks.push(tail ? tail + body[0].sep + joined : joined);
    tail = overlapTail(joined, overlap);
    body = [];
    bodyLength = 0;
  };
  for (let unit = queue.shift(); unit; unit = queue.shift()) {
    const added = (body.length ? unit.sep.length : 0) + unit.text.length;
    if (body.length && bodyLength + added > budget) {
      // A chunk still well short of its size takes the next paragraph's first sentences
      // rather than closing on a paragraph boundary.
      const sentences = unit.sep === '\n\n' && bodyLength < budget * FILL ? splitSentences(unit.text) : [];
      if (sentences.length > 1) {
        queue.unshift(...sentences.map((t, i): Unit => ({ text: t, sep: i === 0 ? '\n\n' : ' ' })));
        continue;
      }
      flush();
    }
    bodyLength += body.length ? added : unit.text.length;
    body.push(unit);
  }
  if (body.length) flush();
  return chunks;
}

function normalize(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Paragraphs, split into sentences when a paragraph is longer than max, and hard-split as a last resort. */
function splitUnits(text: string, max: number): Unit[] {
  const units: Unit[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const p = para.trim();
    if (!p) continue;
    if (p.length <= max) {
      units.push({ text: p, sep: '\n\n' });
      continue;
    }
    let first = true;
    for (const sentence of splitSentences(p)) {
      for (const piece of sentence.length <= max ? [sentence] : splitWords(sentence, max)) {
        units.push({ text: piece, sep: first ? '\n\n' : ' ' });
        first = false;
      }
    }
  }
  return units;
}

function splitSentences(p: string): string[] {
  return p
    .split(/(?<=[.!?…;])\s+|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function splitWords(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** The last ~overlap characters of a chunk, starting at a sentence or word boundary. */
function overlapTail(chunk: string, overlap: number): string {
  if (overlap <= 0) return '';
  if (chunk.length <= overlap) return chunk;
  const tail = chunk.slice(-overlap);
  const sentence = tail.search(/[.!?…]\s+\S/);
  if (sentence >= 0 && tail.length - sentence > overlap / 3) return tail.slice(sentence + 1).trim();
  const space = tail.search(/\s/);
  return space >= 0 ? tail.slice(space).trim() : tail;
}
