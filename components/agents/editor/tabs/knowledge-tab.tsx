'use client';
// Which knowledge-base categories the agent may answer from, and what it does when it finds nothing.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { FolderIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';
import { setKnowledgeScopeSchema } from '@/lib/agents/schemas';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { Skeleton } from '@/components/ui/skeleton';
import { FormField } from '@/components/ui/form-field';
import { useCategories } from '@/components/kb/use-categories';
import { articleCount, buildTree, flattenTree } from '@/components/kb/types';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import { firstError, useFieldError } from '../../use-api-errors';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section, SwitchRow } from '../section';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

type Scope = FullAgent['knowledge_base'];
const toForm = (k: Scope) => ({
  all_categories: k.all_categories,
  selected_categories: [...k.selected_categories],
  create_task_if_no_answer: k.create_task_if_no_answer,
  no_answer_message: k.no_answer_message ?? '',
});

export function KnowledgeTab() {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('agents.knowledge');
  const { agent } = useEditor();
  const patchCache = usePatchAgentCache();
  const fieldError = useFieldError();
  const categories = useCategories();
  // PUT /api/agents/:id/knowledge-base parses the body with setKnowledgeScopeSchema ('' → null).
  const form = useForm({ resolver: zodResolver(setKnowledgeScopeSchema), defaultValues: toForm(agent.knowledge_base) });
  const categoriesError = fieldError(firstError(form.formState.errors.selected_categories));
  const all = useWatch({ control: form.control, name: 'all_categories' });
  const submit = useEditorForm(form, async (values) => {
    const knowledge_base = await api<Scope>('PUT', `/api/agents/${agent.id}/knowledge-base`, values);
    patchCache({ knowledge_base });
    return toForm(knowledge_base);
  });
  const rows = flattenTree(buildTree(categories.data ?? []));

  return (
    <form onSubmit={submit} noValidate data-testid="agent-knowledge-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')}>
          <div className="space-y-5">
            <SwitchRow control={form.control} name="all_categories" label={t('all')} description={t('allHint')} testId="knowledge-all" />
            <Controller
              control={form.control}
              name="selected_categories"
              render={({ field }) => {
                const value = field.value ?? [];
                if (categories.isPending) return <Skeleton className="h-24 w-full" />;
                if (!rows.length) {
                  return (
                    <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
                      {t('noCategories')}{' '}
                      <Link href={wsHref('/knowledge-base')} className="font-medium text-primary underline-offset-4 hover:underline">
                        {t('openKb')}
                      </Link>
                    </p>
                  );
                }
                return (
                  <div
                    className={cn('max-h-80 overflow-y-auto rounded-lg border p-1.5', all && 'opacity-50')}
                    role="group"
                    aria-label={t('chosen')}
                    data-testid="knowledge-categories"
                  >
                    {rows.map(({ node, depth }) => (
                      <Label
                        key={node.id}
                        htmlFor={`kb-cat-${node.id}`}
                        className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-2 font-normal hover:bg-accent/50"
                        style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}
                      >
                        <Checkbox
                          id={`kb-cat-${node.id}`}
                          checked={all || value.includes(node.id)}
                          disabled={!!all}
                          onCheckedChange={(on) => field.onChange(on ? [...value, node.id] : value.filter((v) => v !== node.id))}
                          data-testid="knowledge-category"
                        />
                        <FolderIcon className="size-4 text-muted-foreground" aria-hidden />
                        <span className="min-w-0 flex-1 truncate">{node.name}</span>
                        <span className="text-xs text-muted-foreground tabular-nums" data-testid="knowledge-category-count">
                          {articleCount(node)}
                        </span>
                      </Label>
                    ))}
                  </div>
                );
              }}
            />
            {categoriesError && (
              <p className="text-sm font-medium text-destructive" role="alert">
                {categoriesError}
              </p>
            )}
          </div>
        </Section>
        <Section title={t('noAnswerTitle')} description={t('noAnswerDescription')}>
          <div className="space-y-5">
            <SwitchRow
              control={form.control}
              name="create_task_if_no_answer"
              label={t('createTask')}
              description={t('createTaskHint')}
              testId="knowledge-create-task"
            />
            <FormField label={t('noAnswerMessage')} description={t('noAnswerMessageHint')} error={fieldError(form.formState.errors.no_answer_message)}>
              <Textarea rows={3} placeholder={t('noAnswerPlaceholder')} data-testid="knowledge-no-answer" {...form.register('no_answer_message')} />
            </FormField>
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
