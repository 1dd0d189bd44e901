// A DOCX is a ZIP: before any library inflates it, walk its central directory and
// inflate each entry ourselves with a hard output cap, so a zip bomb costs at most
// the cap (and never the memory of the whole process). Declared sizes can lie; the
// inflated size is what counts.
import zlib from 'node:zlib';
import { ExtractionFailed } from './extraction-failed';

export interface ZipLimits {
  /** Total bytes all entries may inflate to. */
  maxUncompressedBytes: number;
  /** Largest inflated/compressed ratio accepted for an entry over 1 MB. */
  maxRatio: number;
  maxEntries: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024;

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ExtractionFailed('unreadable', 'not a ZIP archive (no end of central directory)');
}

/** Throws ExtractionFailed('too_large' | 'unreadable') when the archive is over the limits. */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ExtractionFailed('unreadable', 'ZIP64 archives are not accepted');
  if (count > limits.maxEntries) throw new ExtractionFailed('too_large', `${count} entries; at most ${limits.maxEntries}`);

  let declared = 0;
  let inflated = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ExtractionFailed('unreadable', 'broken ZIP central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    p += 46 + nameLen + extraLen + commentLen;

    declared += size;
    if (declared > limits.maxUncompressedBytes) throw new ExtractionFailed('too_large', 'declared uncompressed size over the limit');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw new ExtractionFailed('unreadable', 'broken ZIP local header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (data.length !== compressed) throw new ExtractionFailed('unreadable', 'truncated ZIP entry');

    let actual: number;
    if (method === 0) actual = compressed;
    else if (method === 8) {
      const budget = limits.maxUncompressedBytes - inflated;
      try {
        actual = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ExtractionFailed('too_large', 'inflates past the uncompressed size limit');
        }
        throw new ExtractionFailed('unreadable', 'corrupt deflate data');
      }
    } else throw new ExtractionFailed('unreadable', `unsupported ZIP compression method ${method}`);

    inflated += actual;
    if (inflated > limits.maxUncompressedBytes) throw new ExtractionFailed('too_large', 'inflates past the uncompressed size limit');
    if (actual > RATIO_FLOOR && actual / Math.max(1, compressed) > limits.maxRatio) {
      throw new ExtractionFailed('too_large', `compression ratio over ${limits.maxRatio}:1`);
    }
  }
}
