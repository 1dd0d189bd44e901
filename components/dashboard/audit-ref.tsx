// A named reference in the audit log: a link to the item's page, or its name struck
// through with "deleted" when it is gone.
import Link from 'next/link';
import type { AuditRef } from '@/lib/audit/resolve-audit-refs';

/** Where an item lives in the dashboard; `base` is the dashboard root of this workspace. */
export function auditRefHref(ref: AuditRef, base: string): string | null {
  if (ref.deleted) return null;
  switch (ref.type) {
    case 'agent':
      return `${base}/agents/${ref.id}`;
    case 'kb_article':
      return `${base}/knowledge-base/articles/${ref.id}`;
    case 'kb_category':
      return `${base}/knowledge-base?category=${ref.id}`;
    case 'member':
    case 'user':
    case 'invitation':
      return `${base}/team`;
    case 'workspace':
      return `${base}/settings`;
  }
}

export interface RefLabels {
  deleted: string;
  unknown: string;
  formerMember: string;
}

export function AuditRefLink({ refItem, base, labels }: { refItem: AuditRef; base: string; labels: RefLabels }) {
  const person = refItem.type === 'member' || refItem.type === 'user';
  const name = refItem.name ?? (person && refItem.deleted ? labels.formerMember : labels.unknown);
  const href = auditRefHref(refItem, base);
  if (refItem.deleted) {
    return (
      <span className="text-muted-foreground" data-testid="audit-ref" data-deleted="true" title={refItem.id}>
        <span className="line-through decoration-muted-foreground/50">{name}</span>{' '}
        <span className="text-xs">({labels.deleted})</span>
      </span>
    );
  }
  if (!href) return <span data-testid="audit-ref">{name}</span>;
  return (
    <Link href={href} className="font-medium text-primary underline-offset-4 hover:underline" data-testid="audit-ref">
      {name}
    </Link>
  );
}

export function AuditRefList({ refs, base, labels }: { refs: AuditRef | AuditRef[]; base: string; labels: RefLabels }) {
  const list = Array.isArray(refs) ? refs : [refs];
  if (!list.length) return <>—</>;
  return (
    <>
      {list.map((r, i) => (
        <span key={`${r.type}:${r.id}`}>
          {i > 0 && ', '}
          <AuditRefLink refItem={r} base={base} labels={labels} />
        </span>
      ))}
    </>
  );
}
