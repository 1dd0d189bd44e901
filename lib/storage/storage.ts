// File storage behind one interface: local disk under DATA_DIR by default,
// Supabase Storage when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set.
import fs from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/lib/env';

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface Storage {
  kind: 'local' | 'supabase';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}

export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/.test(key) || key.includes('..') || key.includes('//')) {
    throw new Error(`Unsafe storage key: ${key}`);
  }
}

function localStorage(root: string): Storage {
  const file = (key: string) => {
    assertSafeKey(key);
    return path.join(root, key);
  };
  return {
    kind: 'local',
    async put(key, bytes, contentType) {
      const f = file(key);
      await fs.mkdir(path.dirname(f), { recursive: true });
      await fs.writeFile(f, bytes);
      await fs.writeFile(`${f}.meta.json`, JSON.stringify({ contentType }));
    },
    async get(key) {
      const f = file(key);
      try {
        const [bytes, meta] = await Promise.all([fs.readFile(f), fs.readFile(`${f}.meta.json`, 'utf8')]);
        return { bytes: new Uint8Array(bytes), contentType: (JSON.parse(meta) as { contentType: string }).contentType };
      } catch {
        return null;
      }
    },
    async delete(key) {
      const f = file(key);
      await fs.rm(f, { force: true });
      await fs.rm(`${f}.meta.json`, { force: true });
    },
  };
}

async function supabaseStorage(url: string, serviceKey: string, bucket: string): Promise<Storage> {
  const { createClient } = await import('@supabase/supabase-js');
  const client = createClient(url, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const b = () => client.storage.from(bucket);
  return {
    kind: 'supabase',
    async put(key, bytes, contentType) {
      assertSafeKey(key);
      const { error } = await b().upload(key, bytes, { contentType, upsert: true });
      if (error) throw new Error(`Supabase Storage upload failed: ${error.message}`);
    },
    async get(key) {
      assertSafeKey(key);
      const { data, error } = await b().download(key);
      if (error || !data) return null;
      return { bytes: new Uint8Array(await data.arrayBuffer()), contentType: data.type || 'application/octet-stream' };
    },
    async delete(key) {
      assertSafeKey(key);
      await b().remove([key]);
    },
  };
}

let cached: Promise<Storage> | undefined;

export function getStorage(): Promise<Storage> {
  if (!cached) {
    const env = getEnv();
    cached =
      env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY
        ? supabaseStorage(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY, env.SUPABASE_STORAGE_BUCKET)
        : Promise.resolve(localStorage(path.resolve(env.DATA_DIR, 'files')));
  }
  return cached;
}

export function resetStorage(): void {
  cached = undefined;
}
