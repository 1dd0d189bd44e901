'use client';
// Knowledge-base quality: what customers asked that the agent could not answer, and the
// workspace's own synonyms that teach search the customers' words.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ArrowLeftIcon } from 'lucide-react';
import { PageHeader } from '@/components/ui/page-header';
import { ViewerNote } from '@/components/agents/viewer-note';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { UnansweredList } from './unanswered-list';
import { SynonymsEditor } from './synonyms-editor';
import { SynonymDialog, type SynonymDraft } from './synonym-dialog';

export function KbQuality({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('kbQuality');
  const wsHref = useWorkspaceHref();
  const [draft, setDraft] = useState<SynonymDraft | null>(null);
  return (
    <div className="space-y-8" data-testid="kbq-page">
      <div className="space-y-3">
        <Link href={wsHref('/knowledge-base')} className="inline-flex items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground">
          <ArrowLeftIcon className="size-4" aria-hidden />
          {t('back')}
        </Link>
        <PageHeader title={t('title')} description={t('description')} />
        {!canWrite && <ViewerNote />}
      </div>
      <UnansweredList canWrite={canWrite} onSynonym={setDraft} />
      <SynonymsEditor canWrite={canWrite} onEdit={setDraft} />
      <SynonymDialog draft={draft} onClose={() => setDraft(null)} />
    </div>
  );
}
