// Turns the ids an audit page mentions (its entities and id-valued fields such as
// parent_id or categories) into names, so the log reads "Article «Prices»" instead of a
// uuid. Ids that no longer exist are marked deleted and named from the audit trail itself.
import { sql } from 'drizzle-orm';
import { queryRows } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';

export type AuditRefType = 'agent' | 'kb_article' | 'kb_category' | 'member' | 'user' | 'invitation' | 'workspace';

export interface AuditRef {
  type: AuditRefType;
  id: string;
  /** null when neither the row nor the audit trail names it. */
  name: string | null;
  deleted: boolean;
}

/** What an entry's own entity_type points at. */
const ENTITY_REF: Record<string, AuditRefType> = {
  agent: 'agent',
  kb_article: 'kb_article',
  kb_category: 'kb_category',
  membership: 'member',
  user: 'user',
  invitation: 'invitation',
  workspace: 'workspace',
};

/** Id-valued fields in old/new values; `source_id` depends on the entity it was copied from. */
function fieldRef(entityType: string, field: string): AuditRefType | undefined {
  switch (field) {
    case 'parent_id':
    case 'category_id':
    case 'categories':
    case 'selected_categories':
      return 'kb_category';
    case 'agent_id':
    case 'source_agent_id':
      return 'agent';
    case 'related_articles':
    case 'articles':
      return 'kb_article';
    case 'user_id':
      return 'user';
    case 'source_id':
      return entityType === 'kb_category' ? 'kb_category' : entityType === 'kb_article' ? 'kb_article' : undefined;
    default:
      return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (type: AuditRefType, id: string) => (type === 'kb_article' ? /^\d{1,9}$/.test(id) : UUID.test(id));

export interface AuditRow {
  entityType: string;
  entityId: string | null;
  oldValues: unknown;
  newValues: unknown;
}

export type FieldRefs = Record<string, AuditRef | AuditRef[]>;

export interface ResolvedRefs {
  /** The entry's own entity, by index of the row given. */
  entities: (AuditRef | null)[];
  /** Per row: field name → the referenced item(s), for the old and the new values. */
  values: { old: FieldRefs; new: FieldRefs }[];
}

const key = (type: AuditRefType, id: string) => `${type}:${id}`;

function idsOf(v: unknown): string[] | null {
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return null;
}

export async function resolveAuditRefs(
  tx: Tx,
  workspaceId: string,
  rows: AuditRow[],
): Promise<ResolvedRefs> {
  const wanted = new Map<AuditRefType, Set<string>>();
  const want = (type: AuditRefType, id: string) => {
    if (!isId(type, id)) return false;
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(id);
    return true;
  };
  const plan = rows.map((r) => {
    const entityType = ENTITY_REF[r.entityType];
    const entity = entityType && r.entityId && want(entityType, r.entityId) ? { type: entityType, id: r.entityId } : null;
    const fields: ['old' | 'new', string, AuditRefType, string[], boolean][] = [];
    for (const [side, values] of [['old', r.oldValues], ['new', r.newValues]] as const) {
      if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
      for (const [field, v] of Object.entries(values as Record<string, unknown>)) {
        const type = fieldRef(r.entityType, field);
        const ids = type ? idsOf(v) : null;
        if (type && ids && ids.every((id) => want(type, id))) fields.push([side, field, type, ids, Array.isArray(v)]);
      }
    }
    return { entity, fields };
  });

  const names = new Map<string, string | null>();
  const list = (type: AuditRefType) => [...(wanted.get(type) ?? [])];
  const ws = workspaceId;
  const load = async (type: AuditRefType, query: (ids: string[]) => ReturnType<typeof sql>) => {
    const ids = list(type);
    if (!ids.length) return;
    for (const r of await queryRows<{ id: string; name: string | null }>(tx, query(ids))) names.set(key(type, String(r.id)), r.name);
  };
  await load('agent', (ids) => sql`select id::text as id, name from public.agents where workspace_id = ${ws} and id::text in ${ids}`);
  await load('kb_category', (ids) => sql`select id::text as id, name from public.kb_categories where workspace_id = ${ws} and id::text in ${ids}`);
  await load('kb_article', (ids) => sql`select id::text as id, title as name from public.kb_articles where workspace_id = ${ws} and id::text in ${ids}`);
  await load('invitation', (ids) => sql`select id::text as id, email as name from public.invitations where workspace_id = ${ws} and id::text in ${ids}`);
  // Members are named by their user; join_workspace entries carry the user id rather than the membership's.
  await load('member', (ids) => sql`select m.id::text as id, coalesce(nullif(u.full_name, ''), u.email) as name
      from public.memberships m join public.users u on u.id = m.user_id where m.workspace_id = ${ws} and m.id::text in ${ids}
    union all
    select m.user_id::text, coalesce(nullif(u.full_name, ''), u.email)
      from public.memberships m join public.users u on u.id = m.user_id where m.workspace_id = ${ws} and m.user_id::text in ${ids}`);
  await load('user', (ids) => sql`select u.id::text as id, coalesce(nullif(u.full_name, ''), u.email) as name
      from public.users u join public.memberships m on m.user_id = u.id where m.workspace_id = ${ws} and u.id::text in ${ids}`);
  await load('workspace', (ids) => sql`select id::text as id, name from public.workspaces where id = ${ws} and id::text in ${ids}`);

  // Gone: the newest audit entry about it that carried a name, title or e-mail.
  const AUDIT_TYPES: Partial<Record<AuditRefType, string>> = {
    agent: 'agent',
    kb_article: 'kb_article',
    kb_category: 'kb_category',
    invitation: 'invitation',
  };
  const missing = [...wanted].flatMap(([type, ids]) => (AUDIT_TYPES[type] ? [...ids].filter((id) => !names.has(key(type, id))).map((id) => [AUDIT_TYPES[type]!, id]) : []));
  if (missing.length) {
    const rowsFound = await queryRows<{ entity_type: string; entity_id: string; name: string }>(
      tx,
      sql`select distinct on (entity_type, entity_id) entity_type, entity_id,
            coalesce(old_values->>'name', old_values->>'title', old_values->>'email',
                     new_values->>'name', new_values->>'title', new_values->>'email') as name
          from public.audit_log
          where workspace_id = ${ws}
            and (entity_type, entity_id) in (select * from jsonb_to_recordset(${JSON.stringify(missing.map(([t, i]) => ({ t, i })))}::jsonb) as x(t text, i text))
            and coalesce(old_values->>'name', old_values->>'title', old_values->>'email',
                         new_values->>'name', new_values->>'title', new_values->>'email') is not null
          order by entity_type, entity_id, created_at desc`,
    );
    const trail = new Map(rowsFound.map((r) => [`${r.entity_type}:${r.entity_id}`, r.name]));
    for (const [type, ids] of wanted) {
      for (const id of ids) {
        if (!names.has(key(type, id)) && AUDIT_TYPES[type]) {
          const n = trail.get(`${AUDIT_TYPES[type]}:${id}`);
          if (n !== undefined) names.set(`gone:${key(type, id)}`, n);
        }
      }
    }
  }

  const ref = (type: AuditRefType, id: string): AuditRef =>
    names.has(key(type, id))
      ? { type, id, name: names.get(key(type, id)) ?? null, deleted: false }
      : { type, id, name: names.get(`gone:${key(type, id)}`) ?? null, deleted: true };
  return {
    entities: plan.map((p) => (p.entity ? ref(p.entity.type, p.entity.id) : null)),
    values: plan.map((p) => {
      const out = { old: {} as FieldRefs, new: {} as FieldRefs };
      for (const [side, field, type, ids, many] of p.fields) out[side][field] = many ? ids.map((id) => ref(type, id)) : ref(type, ids[0]);
      return out;
    }),
  };
}
