// npm run bench:kb — knowledge-base search latency on 50,000 generated articles in a
// throw-away PGlite under os.tmpdir(): full-text, hybrid (fake embeddings computed locally
// with the fake server's algorithm) and a sequential-scan ILIKE baseline, measured in the
// same run. Prints a table and writes docs/benchmarks.md.
//   --articles N   (default 50000)   --queries N (default 240)   --no-vectors   --keep
//   --url postgres://…   run on that server instead (a database `bench_kb_<pid>` is created and
//                        dropped; vectors only where pgvector exists); its figures go to their own
//                        section of docs/benchmarks.md, the PGlite section is kept
//   --existing bench_kb_<pid>   with --url: search a database a --keep run left, without reloading
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SingleBar, Presets } from 'cli-progress';
import { sql } from 'drizzle-orm';
import { benchStore, percentile } from './bench-support';

process.env.LOG_LEVEL ??= 'warn';
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;

const args = process.argv.slice(2);
const argValue = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SERVER_URL = args.includes('--url') ? args[args.indexOf('--url') + 1] : process.env.BENCH_DATABASE_URL;
const ARTICLES = argValue('--articles', 50_000);
const NOISE_ARTICLES = Math.round(ARTICLES / 10);
const QUERIES = Math.max(20, argValue('--queries', 240));
/** With --url: a database this script loaded before and kept (--keep), searched again without reloading. */
const EXISTING = args.includes('--existing') ? args[args.indexOf('--existing') + 1] : undefined;
const WITH_VECTORS = !args.includes('--no-vectors');
const KEEP = args.includes('--keep');

// --- deterministic text generation -------------------------------------------------------

let seed = 0x5eed;
function rand(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
const price = () => `${int(3, 250) * 1000} ₸`.replace(/(\d)(?=(\d{3})+ )/g, '$1 ');

const PHONES = [
  ...[11, 12, 13, 14, 15, 16].flatMap((n) => [`iPhone ${n}`, `iPhone ${n} Pro`, `iPhone ${n} Pro Max`, `iPhone ${n} Plus`, `iPhone ${n} mini`]),
  ...[21, 22, 23, 24].flatMap((n) => [`Samsung Galaxy S${n}`, `Samsung Galaxy S${n}+`, `Samsung Galaxy S${n} Ultra`, `Samsung Galaxy S${n} FE`]),
  ...[12, 14, 15, 24, 32, 34, 52, 53, 54, 55].map((n) => `Samsung Galaxy A${n}`),
  ...[10, 11, 12, 13].flatMap((n) => [`Redmi Note ${n}`, `Redmi Note ${n} Pro`, `Redmi Note ${n} 5G`]),
  ...['Poco X5', 'Poco X6 Pro', 'Poco F5', 'Honor 70', 'Honor 90', 'Huawei P40', 'Huawei Nova 9', 'Pixel 7', 'Pixel 8 Pro', 'Realme 11'],
];
const PHONE_SERVICES_RU = ['Замена экрана', 'Замена дисплея', 'Замена аккумулятора', 'Ремонт разъема зарядки', 'Замена заднего стекла', 'Ремонт камеры', 'Чистка после воды', 'Замена динамика', 'Ремонт платы', 'Замена стекла камеры', 'Ремонт кнопки питания', 'Замена микрофона', 'Прошивка и восстановление', 'Ремонт Face ID', 'Замена корпуса'];
const PHONE_SERVICES_EN = ['Screen replacement', 'Battery replacement', 'Charging port repair', 'Back glass replacement', 'Camera repair', 'Water damage cleaning', 'Speaker replacement', 'Motherboard repair', 'Face ID repair', 'Housing replacement'];
const BUILD_TOPICS_RU = ['Ленточный фундамент', 'Плитный фундамент', 'Свайный фундамент', 'Кровля из металлочерепицы', 'Мягкая кровля', 'Утепление фасада', 'Пластиковые окна', 'Газовое отопление', 'Теплый пол', 'Электрика в доме', 'Септик и канализация', 'Бурение скважины', 'Забор из профлиста', 'Баня из бруса', 'Гараж из газоблока', 'Штукатурка стен', 'Стяжка пола', 'Дом из газобетона', 'Кирпичный дом', 'Каркасный дом'];
const BUILD_TOPICS_EN = ['Strip foundation', 'Slab foundation', 'Screw piles', 'Metal roofing', 'Facade insulation', 'PVC windows', 'Gas heating', 'Underfloor heating', 'House wiring', 'Septic tank', 'Borehole drilling', 'Timber frame house', 'Aerated concrete house', 'Brick house'];
const CITIES = ['Алматы', 'Астана', 'Шымкент', 'Караганда', 'Москва', 'Санкт-Петербург', 'Казань', 'Актобе', 'Павлодар'];
const MATERIALS = ['газобетон', 'кирпич', 'брус', 'бетон В25', 'минвата', 'ЭППС', 'металлочерепица', 'профлист', 'арматура А500', 'OSB-3'];
const RU_SENTENCES = [
  () => `Стоимость работ в ${pick(CITIES)} — от ${price()}, точную цену мастер называет после диагностики.`,
  () => `Срок выполнения — ${int(1, 5)} ${pick(['часа', 'дня', 'недели'])}, при наличии запчастей на складе быстрее.`,
  () => `Даем гарантию ${int(3, 24)} месяцев на работы и установленные детали.`,
  () => `Оплата наличными, картой, через Kaspi или в рассрочку на ${int(3, 24)} месяцев.`,
  () => `Перед началом работ согласуем смету, без вашего согласия ничего не меняем.`,
  () => `Используем ${pick(MATERIALS)} и проверенные комплектующие от ${pick(['официальных дилеров', 'производителя', 'местных поставщиков'])}.`,
  () => `Если деталь не в наличии, заказываем ее со склада, доставка ${int(1, 7)} дней.`,
  () => `Бесплатная консультация и выезд специалиста в пределах ${int(10, 60)} км от города.`,
  () => `Запись по телефону или через WhatsApp, работаем ежедневно с ${int(8, 10)}:00 до ${int(18, 22)}:00.`,
  () => `Частая проблема: ${pick(['трещины', 'протечка', 'быстрый разряд', 'не включается', 'перегрев', 'шум', 'сырость', 'конденсат'])} — сначала делаем проверку и только потом ремонт.`,
  () => `Мы работаем с ${pick(['частными клиентами', 'застройщиками', 'сервисными центрами', 'управляющими компаниями'])} с ${int(2005, 2022)} года.`,
  () => `После завершения выдаем акт выполненных работ и рекомендации по эксплуатации.`,
];
const EN_SENTENCES = [
  () => `Prices start at ${int(5, 200) * 1000} KZT including labour and parts.`,
  () => `The job usually takes ${int(1, 6)} ${pick(['hours', 'days', 'weeks'])}; express service is available for an extra fee.`,
  () => `We give a ${int(3, 24)}-month warranty on the work and installed parts.`,
  () => `You can pay by card, in cash, via Kaspi or in instalments for up to ${int(3, 24)} months.`,
  () => `If a part is out of stock we order it from the warehouse; delivery takes ${int(1, 7)} days.`,
  () => `Book a free consultation by phone or WhatsApp; we are open daily from ${int(8, 10)} am to ${int(6, 10)} pm.`,
  () => `We use ${pick(['original parts', 'certified materials', 'tested components'])} and explain every step before we start.`,
];

interface Generated {
  title: string;
  content: string;
}

function generateArticle(i: number): Generated {
  const kind = rand();
  const english = rand() < 0.15;
  const sentences = english ? EN_SENTENCES : RU_SENTENCES;
  let title: string;
  let lead: string;
  if (kind < 0.55) {
    const phone = pick(PHONES);
    const service = english ? pick(PHONE_SERVICES_EN) : pick(PHONE_SERVICES_RU);
    title = `${service} ${phone}`;
    lead = english
      ? `${service} for ${phone}: we diagnose the device, replace the faulty part and test it before returning it to you.`
      : `${service} на ${phone}: проводим диагностику, заменяем неисправную деталь и проверяем устройство перед выдачей.`;
  } else if (kind < 0.9) {
    const topic = english ? pick(BUILD_TOPICS_EN) : pick(BUILD_TOPICS_RU);
    const city = pick(CITIES);
    title = english ? `${topic} in ${city}` : `${topic} в ${city}`;
    lead = english
      ? `${topic}: design, materials and installation for private houses, with a fixed estimate in the contract.`
      : `${topic}: проектирование, материалы (${pick(MATERIALS)}) и монтаж для частных домов, смета фиксируется в договоре.`;
  } else {
    title = english ? pick(['Payment options', 'Delivery and pickup', 'Warranty terms', 'Opening hours']) : pick(['Способы оплаты', 'Доставка и курьер', 'Условия гарантии', 'Адреса и часы работы', 'Трейд-ин', 'Скидки и акции']);
    lead = english ? `${title} for our customers in ${pick(CITIES)}.` : `${title} для клиентов в ${pick(CITIES)}.`;
  }
  const body = [lead];
  const n = int(3, 8);
  for (let s = 0; s < n; s++) body.push(pick(sentences)());
  return { title: `${title} #${i}`, content: body.join(' ') };
}

function generateQuery(): string {
  const r = rand();
  if (r < 0.3) return `${pick(['сколько стоит', 'цена', 'почем'])} ${pick(PHONE_SERVICES_RU).toLowerCase()} ${pick(PHONES)}`;
  if (r < 0.45) return `${pick(['айфон', 'самсунг', 'редми'])} ${int(11, 15)} ${pick(['экран разбил', 'не заряжается', 'батарея садится', 'камера не работает'])}`;
  if (r < 0.6) return `${pick(BUILD_TOPICS_RU).toLowerCase()} ${pick(['под ключ', 'цена за квадрат', 'сроки', 'гарантия'])} ${pick(CITIES)}`;
  if (r < 0.7) return `${pick(['how much is', 'price of', 'do you do'])} ${pick(PHONE_SERVICES_EN).toLowerCase()} ${pick(PHONES)}?`;
  if (r < 0.8) return `${pick(['зомена экрона', 'стикло камеры', 'утиплитель для пола', 'металочерепица цена', 'ремонт разьема'])} ${pick(['скоко', 'сколко стоит', 'цена'])}`;
  if (r < 0.9) return `${pick(['zamena ekrana', 'fundament plita', 'remont kamery', 'septik pod klyuch'])} ${pick(['tsena', 'skolko stoit', 'almaty'])}`;
  return `${pick(['можно оплатить в рассрочку через Kaspi', 'какая гарантия на работы', 'есть ли доставка курьером', 'работаете ли в выходные'])}?`;
}

// --- helpers --------------------------------------------------------------------------------


interface Stats {
  name: string;
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

function stats(name: string, samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return { name, n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

const ms = (x: number) => x.toFixed(1);

async function main() {
  const started = Date.now();
  const { openDatabase, useDatabase, closeDatabase } = await import('@/lib/db/client');
  const { withActor, queryRows } = await import('@/lib/db/actor');
  const { searchKnowledgeBase } = await import('@/lib/kb/search/search-knowledge-base');
  const { fakeEmbedding } = await import('@/tests/fakes/openai-server');
  const { toVectorLiteral } = await import('@/lib/ai/embeddings');
  const { buildQueryTerms } = await import('@/lib/kb/search/query-terms');

  const store = await benchStore('kb', SERVER_URL, { existing: EXISTING, keep: KEEP });
  const { dir, url } = store;
  const dbPromise = openDatabase(url ? { url } : { dataDir: dir });
  useDatabase(dbPromise);
  const db = await dbPromise;
  const vectors = WITH_VECTORS && db.vectorAvailable;
  const engine = db.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  const [{ version }] = await db.query<{ version: string }>(`select current_setting('server_version') as version`);
  /** Statements with `set local` settings in one transaction (one pooled connection on a server). */
  const scoped = async <T>(settings: string[], text: string, params: unknown[], end: 'commit' | 'rollback' = 'rollback'): Promise<T[]> => {
    if (db.pool) {
      const c = await db.pool.connect();
      try {
        await c.query('begin');
        for (const s of settings) await c.query(`set local ${s}`);
        return (await c.query(text, params)).rows as T[];
      } finally {
        await c.query(end).catch(() => undefined);
        c.release();
      }
    }
    await db.query('begin');
    try {
      for (const s of settings) await db.query(`set local ${s}`);
      return await db.query<T>(text, params);
    } finally {
      await db.query(end);
    }
  };

  const named = async (name: string) =>
    (EXISTING && (await db.query<{ id: string }>(`select id from workspaces where name = $1`, [name]))[0]?.id) ||
    (await db.query<{ id: string }>(`insert into workspaces (name) values ($1) returning id`, [name]))[0].id;
  const ws = await named('Bench');
  const noise = await named('Bench neighbour');

  // Bulk load as the table owner (a benchmark fixture, not app traffic): the HNSW index is
  // dropped for the load and built once at the end, which is much faster than row by row.
  if (vectors) await db.exec('drop index if exists kb_chunks_embedding_idx');
  const total = ARTICLES + NOISE_ARTICLES;
  const bar = new SingleBar({ format: 'load {bar} {value}/{total} articles | {duration_formatted}' }, Presets.shades_classic);
  bar.start(total, 0);
  const BATCH = 500;
  for (let done = EXISTING ? total : 0; done < total; done += BATCH) {
    const n = Math.min(BATCH, total - done);
    const rows = Array.from({ length: n }, (_, j) => {
      const i = done + j;
      const a = generateArticle(i);
      const hash = crypto.createHash('sha256').update(`${a.title}\n${a.content}`).digest('hex');
      return {
        ws: i < ARTICLES ? ws : noise,
        title: a.title,
        content: a.content,
        active: rand() > 0.05,
        hash,
        v: vectors ? toVectorLiteral(fakeEmbedding(`${a.title}\n${a.content}`, 1536).map((x) => Math.round(x * 1e6) / 1e6)) : null,
      };
    });
    await db.query(
      `with input as (
         select row_number() over () as n, * from jsonb_to_recordset($1::jsonb) as x(ws uuid, title text, content text, active boolean, hash text, v text)
       ), ins as (
         insert into kb_articles (workspace_id, title, content, is_active, content_hash)
         select ws, title, content, active, hash from input order by n
         returning id, workspace_id, title, content, content_hash
       )
       insert into kb_chunks (workspace_id, article_id, chunk_index, title, content, content_hash ${vectors ? ', embedding, embedding_model, embedded_at' : ''})
       select ins.workspace_id, ins.id, 0, ins.title, ins.content, ins.content_hash ${vectors ? ", input.v::vector, 'fake-bench', now()" : ''}
       from ins join input on input.hash = ins.content_hash and input.ws = ins.workspace_id`,
      [JSON.stringify(rows)],
    );
    bar.update(done + n);
  }
  bar.stop();
  const loadSeconds = (Date.now() - started) / 1000;
  let indexSeconds = 0;
  if (vectors) {
    const t = Date.now();
    console.log('building the HNSW index …');
    await db.exec(`set maintenance_work_mem = '768MB'`);
    await db.exec('create index kb_chunks_embedding_idx on kb_chunks using hnsw (embedding vector_cosine_ops)');
    indexSeconds = (Date.now() - t) / 1000;
  }
  await db.exec('analyze');
  const [{ chunks }] = await db.query<{ chunks: number }>('select count(*)::int as chunks from kb_chunks');
  const [{ terms }] = await db.query<{ terms: number }>('select count(*)::int as terms from kb_search_terms');
  console.log(`loaded ${total} articles / ${chunks} chunks (${terms} vocabulary terms) in ${loadSeconds.toFixed(0)} s; HNSW ${indexSeconds.toFixed(0)} s`);

  // Searches as the agent runtime does (a system actor with read access to the knowledge base).
  const actor = { kind: 'system' as const, name: 'agent-runtime', workspaceId: ws };
  const queries = Array.from({ length: QUERIES }, generateQuery);
  const warm = queries.slice(0, 10);

  const timeIt = async (fn: (q: string) => Promise<unknown>) => {
    for (const q of warm) await fn(q);
    const out: number[] = [];
    const bar2 = new SingleBar({ format: '  {bar} {value}/{total}' }, Presets.shades_classic);
    bar2.start(queries.length, 0);
    for (const q of queries) {
      const t = performance.now();
      await fn(q);
      out.push(performance.now() - t);
      bar2.increment();
    }
    bar2.stop();
    return out;
  };

  const results: Stats[] = [];
  console.log('(a) full-text');
  results.push(stats('full-text top-20 (searchKnowledgeBase, lexicon + typo fixes)', await timeIt((q) => searchKnowledgeBase(actor, { query: q, limit: 20, branches: ['fulltext'] }))));
  if (vectors) {
    const embeddings = new Map(queries.map((q) => [q, fakeEmbedding(q, 1536)]));
    console.log('(b) hybrid');
    results.push(stats('hybrid top-20 (full-text + HNSW, RRF)', await timeIt((q) => searchKnowledgeBase(actor, { query: q, limit: 20, queryEmbedding: embeddings.get(q) }))));
    console.log('(b\') semantic only');
    results.push(stats('semantic only top-20 (HNSW, iterative scan)', await timeIt((q) => searchKnowledgeBase(actor, { query: q, limit: 20, branches: ['semantic'], queryEmbedding: embeddings.get(q) }))));
  }
  // (c) What search looks like without an index: ILIKE on every query word over the
  // workspace's active articles, counted and ordered by matches, index scans disabled,
  // as the table owner (no row-level security cost, so the baseline is not handicapped).
  console.log('(c) baseline: sequential ILIKE scan');
  const baseline = await timeIt(async (q) => {
    const words = buildQueryTerms(q)
      .filter((t) => !t.phrase)
      .map((t) => t.token)
      .slice(0, 8);
    if (!words.length) return [];
    const hits = words.map((_, i) => `(a.content ilike $${i + 2} or a.title ilike $${i + 2})::int`).join(' + ');
    return scoped(
      ['enable_indexscan = off', 'enable_bitmapscan = off'],
      `select a.id, ${hits} as hits from kb_articles a
       where a.workspace_id = $1 and a.is_active and (${hits}) > 0
       order by hits desc, a.id limit 5`,
      [ws, ...words.map((w) => `%${w}%`)],
      'commit',
    );
  });
  results.push(stats('baseline: ILIKE, sequential scan', baseline));

  // The plans: the candidate query must use the GIN index, the nearest-chunks query the
  // HNSW index. Explained as the search functions run them (their planner settings, no RLS).
  const { analyzeQuery } = await import('@/lib/kb/search/analyze-query');
  const { fullTextCandidateQuery, MAX_CANDIDATES } = await import('@/lib/kb/search/fulltext-branch');
  const explain = async (text: string, params: unknown[], settings: string[]) => {
    const rows = await scoped<{ 'QUERY PLAN': string }>(settings, text, params);
    return rows.map((r) => r['QUERY PLAN'].replace(/'\[[^\]]{200,}\]'/g, "'[<query embedding>]'")).join('\n');
  };
  const ftsPlans: string[] = [];
  for (const q of ['ленточный фундамент под ключ Алматы', 'сколько стоит замена экрана iPhone 13 Pro']) {
    const pull = await withActor(actor, async (tx) => fullTextCandidateQuery(tx, ws, await analyzeQuery(tx, ws, q, { trigram: true })));
    const plan = await explain(
      `explain (analyze, costs off, timing off, summary off, buffers off)
       select c.id, c.article_id from kb_chunks c
       where c.search_vector @@ $2::tsquery and coalesce(c.workspace_id = $1, false)
         and exists (select 1 from kb_articles a where a.id = c.article_id and a.workspace_id = $1 and a.is_active)
       limit ${MAX_CANDIDATES}`,
      [ws, pull],
      // PGlite's planner statistics are coarse, so its plan is shown as forced onto the indexes;
      // on a server the plan shown is the one the planner picks by itself.
      engine === 'PGlite' ? ['enable_seqscan = off', 'enable_hashjoin = off', 'enable_mergejoin = off'] : [],
    );
    ftsPlans.push(`-- «${q}»: candidates pulled by ${pull}\n${plan}`);
  }
  const ftsPlan = ftsPlans.join('\n\n');
  let vecPlan = '';
  if (vectors) {
    vecPlan = await explain(
      `explain (costs off) select c.id from kb_chunks c
       where c.workspace_id = $1 and c.embedding is not null
         and exists (select 1 from kb_articles a where a.id = c.article_id and a.workspace_id = $1 and a.is_active)
       order by c.embedding <=> $2::vector limit 60`,
      [ws, toVectorLiteral(fakeEmbedding('замена экрана iPhone 13', 1536))],
      ['hnsw.iterative_scan = relaxed_order', 'hnsw.ef_search = 60'],
    );
  }

  const base = results.find((r) => r.name.startsWith('baseline'))!;
  const table = results.map((r) => ({
    case: r.name,
    queries: r.n,
    'p50 ms': ms(r.p50),
    'p95 ms': ms(r.p95),
    'mean ms': ms(r.mean),
    'p50 vs baseline': r === base ? '1.00×' : `${(r.p50 / base.p50).toFixed(2)}×`,
    'p95 vs baseline': r === base ? '1.00×' : `${(r.p95 / base.p95).toFixed(2)}×`,
  }));
  console.table(table);

  const cpus = os.cpus();
  const facts = [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}; load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
    engine === 'PGlite'
      ? `- node ${process.version}; PGlite 0.5.14 (PostgreSQL ${version}, wasm, single connection) with pgvector ${vectors ? '0.8' : '(not loaded)'} and pg_trgm; data dir on local disk under os.tmpdir()`
      : `- node ${process.version}; PostgreSQL ${version} (native server on the same machine, pooled connections) ${vectors ? 'with pgvector' : 'without pgvector (full-text only)'}, pg_trgm; default server settings`,
    `- data: ${ARTICLES.toLocaleString('en')} generated articles in the searched workspace + ${NOISE_ARTICLES.toLocaleString('en')} in a neighbouring workspace; ${chunks.toLocaleString('en')} chunks, ${terms.toLocaleString('en')} vocabulary terms; ~5% inactive; ~15% English, the rest Russian; model numbers, prices, cities`,
    `- embeddings: ${vectors ? "1536-d hashed n-gram vectors computed locally with the fake OpenAI server's algorithm (tests/fakes/openai-server.ts), HNSW (m=16, ef_construction=64) built after the load" : 'none'}`,
    EXISTING ? `- load: none in this run (searched the database an earlier --keep run loaded)` : `- load: ${loadSeconds.toFixed(0)} s for inserts (generated tsvector + vocabulary trigger), ${indexSeconds.toFixed(0)} s for the HNSW build`,
    `- queries: ${QUERIES} generated customer-style queries (Russian, English, typos, Latin-script Russian, model numbers), 10 warm-up queries not counted; each search runs as a system actor under row-level security, one at a time`,
  ].join('\n');
  const header = '| case | queries | p50 ms | p95 ms | mean ms | p50 vs baseline | p95 vs baseline |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |';
  const lines = table.map((r) => `| ${r.case} | ${r.queries} | ${r['p50 ms']} | ${r['p95 ms']} | ${r['mean ms']} | ${r['p50 vs baseline']} | ${r['p95 vs baseline']} |`);
  const body = `${header}
${lines.join('\n')}

### Setup (${engine})

${facts}

### Plans on this data (${engine})

Full-text candidates (GIN on \`kb_chunks.search_vector\`), a selective and a broad query:

\`\`\`
${ftsPlan}
\`\`\`
${vecPlan ? `\nNearest chunks (HNSW, \`hnsw.iterative_scan = relaxed_order\`):\n\n\`\`\`\n${vecPlan}\n\`\`\`\n` : ''}`;
  const docs = path.resolve('docs/benchmarks.md');
  const previous = fs.existsSync(docs) ? fs.readFileSync(docs, 'utf8') : '';
  if (engine !== 'PGlite') {
    // A server run: its own marked section, the rest of the file as it was.
    const aim = 'Aim: full-text top-20 p95 ≤ 10 ms, hybrid top-20 p95 ≤ 35 ms (where pgvector exists).';
    const section = `<!-- bench:kb:${engine} -->\n## On ${engine} ${version} (\`npm run bench:kb -- --url postgres://…\`)\n\n${aim}\n\n${body.trimEnd()}\n<!-- /bench:kb:${engine} -->`;
    const marker = new RegExp(`<!-- bench:kb:${engine} -->[\\s\\S]*?<!-- /bench:kb:${engine} -->`);
    const text = marker.test(previous) ? previous.replace(marker, section) : previous.replace('## Reading the numbers', `${section}\n\n## Reading the numbers`);
    fs.writeFileSync(docs, text);
    console.log('wrote docs/benchmarks.md');
    await finish();
    return;
  }
  const md = `# Knowledge-base search benchmark

Produced by \`npm run bench:kb\` (scripts/bench-kb.ts); rerun it to refresh these figures.
Latencies are wall-clock per call of \`searchKnowledgeBase\` (query analysis, typo lookup,
ranking, snippets, related articles and files) against an embedded PGlite; the baseline is
an ILIKE over every query word with index scans switched off, in the same run. Ratios below
1× mean faster than the baseline.

${header}
${lines.join('\n')}

## Setup

${facts}

## Plans on this data

Full-text candidates (GIN on \`kb_chunks.search_vector\`), a selective and a broad query:

\`\`\`
${ftsPlan}
\`\`\`
${vecPlan ? `\nNearest chunks (HNSW, \`hnsw.iterative_scan = relaxed_order\`):\n\n\`\`\`\n${vecPlan}\n\`\`\`\n` : ''}
## Reading the numbers

- PGlite is PostgreSQL compiled to WebAssembly and runs on one connection in the Node
  process: queries run one at a time. A native server was not measured here; it runs
  queries in parallel and does not pay the WebAssembly overhead.
- The machine is shared with other work; figures vary by some tens of percent between runs.
- The baseline is "what you would get without the search work": it ignores inflection,
  typos, transliteration and other languages, and it still has to read every article.
- No test asserts on these timings; they vary with the machine.
`;
  fs.mkdirSync(path.resolve('docs'), { recursive: true });
  // Keep the server run's section, the retrieval-quality section (tests), the API benchmark's
  // (npm run bench:api) and the CRM benchmark's (npm run bench:crm) when rewriting the file.
  const kept = [
    /<!-- bench:kb:PostgreSQL -->[\s\S]*?<!-- \/bench:kb:PostgreSQL -->/,
    /<!-- kb:retrieval -->[\s\S]*?<!-- \/kb:retrieval -->/,
    /<!-- bench:api -->[\s\S]*?<!-- \/bench:api -->/,
    /<!-- bench:crm -->[\s\S]*?<!-- \/bench:crm -->/,
  ]
    .map((re) => re.exec(previous)?.[0])
    .filter(Boolean);
  fs.writeFileSync(docs, [md.trimEnd(), ...kept].join('\n\n') + '\n');
  console.log('wrote docs/benchmarks.md');
  await finish();

  async function finish() {
    await closeDatabase();
    await store.remove();
  }
}

main().catch(async (err) => {
  console.error(err);
  process.exitCode = 1;
  try {
    const { closeDatabase } = await import('@/lib/db/client');
    await closeDatabase();
  } catch {
    /* already closed */
  }
});
