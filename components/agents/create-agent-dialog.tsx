'use client';
// "New agent": a name and first instructions, then straight into the editor.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { useQueryClient } from '@tanstack/react-query';
import { createAgentSchema } from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { api } from './api-client';
import { agentKeys } from './types';
import { applyServerErrors, useClearErrorsOnChange, useErrorToast, useFieldError } from './use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

const EMPTY = { name: '', system_instructions: '' };

export function CreateAgentDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('agents.create');
  const router = useRouter();
  const qc = useQueryClient();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  // POST /api/agents parses the body with createAgentSchema: the same check runs here first.
  const form = useForm({ resolver: zodResolver(createAgentSchema), defaultValues: EMPTY });
  const { errors, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { agent } = await api<{ agent: { id: string } }>('POST', '/api/agents', values);
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
      router.push(wsHref(`/agents/${agent.id}`));
    } catch (err) {
      if (!applyServerErrors(err, form.setError, EMPTY)) showError(err);
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (isSubmitting) return;
        if (!o) form.reset(EMPTY);
        onOpenChange(o);
      }}
    >
      <DialogContent className="sm:max-w-xl" data-testid="agent-create-dialog">
        <DialogHeader>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogDescription>{t('description')}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <FormField label={t('name')} error={fieldError(errors.name)} required>
            <Input autoFocus placeholder={t('namePlaceholder')} data-testid="agent-create-name" {...form.register('name')} />
          </FormField>
          <FormField label={t('instructions')} description={t('instructionsHint')} error={fieldError(errors.system_instructions)} required>
            <Textarea
              rows={6}
              className="max-h-72"
              placeholder={t('instructionsPlaceholder')}
              data-testid="agent-create-instructions"
              {...form.register('system_instructions')}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={isSubmitting}>
              {t('cancel')}
            </Button>
            <Button type="submit" disabled={isSubmitting} data-testid="agent-create-submit">
              {isSubmitting && <Spinner aria-hidden />}
              {t('submit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
