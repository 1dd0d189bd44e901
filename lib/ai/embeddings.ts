// Embeddings through any OpenAI-compatible API (the `openai` SDK; OPENAI_BASE_URL points
// it elsewhere). Retries on 408/409/429/5xx and connection errors are the SDK's own.
import OpenAI from 'openai';
import { getEnv, type Env } from '@/lib/env';
import { assertNoTransaction } from '@/lib/db/actor';

/** kb_chunks.embedding is vector(1536): other sizes cannot be stored. */
export const VECTOR_COLUMN_DIMENSIONS = 1536;
/** OpenAI accepts up to 2048 inputs per request; smaller batches keep requests and retries cheap. */
export const EMBEDDING_BATCH_SIZE = 96;

export interface EmbeddingsConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  dimensions: number;
}

export function embeddingsConfig(env: Env = getEnv()): EmbeddingsConfig | null {
  // EMBEDDINGS_API_KEY / EMBEDDINGS_BASE_URL override the OpenAI pair for embeddings only.
  const apiKey = env.EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  if (!apiKey) return null;
  const baseURL = env.EMBEDDINGS_BASE_URL ?? env.OPENAI_BASE_URL;
  return { apiKey, baseURL, model: env.EMBEDDINGS_MODEL, dimensions: env.EMBEDDINGS_DIMENSIONS };
}

/** True when an API key is set and the configured size fits the vector column. */
export function embeddingsConfigured(env: Env = getEnv()): boolean {
  const config = embeddingsConfig(env);
  return config !== null && config.dimensions === VECTOR_COLUMN_DIMENSIONS;
}

export interface EmbedOptions {
  /** SDK retries per request (default 2; the indexer allows more than an interactive search). */
  maxRetries?: number;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const clients = new Map<string, OpenAI>();

function clientFor(config: EmbeddingsConfig, opts: EmbedOptions): OpenAI {
  const maxRetries = opts.maxRetries ?? 2;
  const timeout = opts.timeoutMs ?? 60_000;
  const key = JSON.stringify([config.apiKey, config.baseURL ?? '', maxRetries, timeout]);
  let client = clients.get(key);
  if (!client) {
    client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseURL, maxRetries, timeout });
    clients.set(key, client);
  }
  return client;
}

/**
 * Embeds texts in order, in batches of at most EMBEDDING_BATCH_SIZE inputs.
 * Throws when embeddings are not configured or the API answers with vectors of the wrong size.
 */
export async function embedTexts(texts: string[], opts: EmbedOptions = {}): Promise<number[][]> {
  const config = embeddingsConfig();
  if (!config) throw new Error('Embeddings are not configured (neither EMBEDDINGS_API_KEY nor OPENAI_API_KEY is set)');
  if (texts.length === 0) return [];
  assertNoTransaction('The embeddings API call');
  const client = clientFor(config, opts);
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += EMBEDDING_BATCH_SIZE) {
    // The API refuses empty strings; a lone space embeds as "nothing" without failing the batch.
    const batch = texts.slice(i, i + EMBEDDING_BATCH_SIZE).map((t) => (t.trim() ? t : ' '));
    const res = await client.embeddings.create(
      { model: config.model, input: batch, dimensions: config.dimensions, encoding_format: 'float' },
      { signal: opts.signal },
    );
    const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding as number[]);
    if (vectors.length !== batch.length) {
      throw new Error(`Embeddings API returned ${vectors.length} vectors for ${batch.length} inputs`);
    }
    for (const v of vectors) {
      if (v.length !== config.dimensions) {
        throw new Error(`Embeddings API returned ${v.length} dimensions, expected ${config.dimensions} (EMBEDDINGS_DIMENSIONS)`);
      }
    }
    out.push(...vectors);
  }
  return out;
}

export async function embedText(text: string, opts: EmbedOptions = {}): Promise<number[]> {
  const [v] = await embedTexts([text], opts);
  return v;
}

/** pgvector's text form; parameters are sent as text and cast with ::vector. */
export function toVectorLiteral(v: number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}
