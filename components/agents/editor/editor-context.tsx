'use client';
// What every editor tab needs: the agent, whether the caller may edit, the plan's limits,
// and a way to hand its form to the editor's unsaved-changes bar and guards.
import { createContext, useContext, useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { toast } from '@/components/ui/sonner';
import { agentKeys, type FullAgent } from '../types';
import { applyServerErrors, useClearErrorsOnChange, useErrorToast } from '../use-api-errors';
import type { AgentVocab } from '../vocab';

export interface ActiveForm {
  dirty: boolean;
  saving: boolean;
  save: () => void;
  discard: () => void;
}

export interface EditorContextValue {
  agent: FullAgent;
  canWrite: boolean;
  instructionsLimit: number;
  vocab: AgentVocab;
  setActiveForm: (form: ActiveForm | null) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('useEditor outside AgentEditor');
  return ctx;
}

/** Merges a partial change into the cached agent (after a save answered). */
export function usePatchAgentCache() {
  const qc = useQueryClient();
  const { agent } = useEditor();
  return (patch: Partial<FullAgent>) =>
    qc.setQueryData<FullAgent>(agentKeys.detail(agent.id), (old) => (old ? { ...old, ...patch } : old));
}

/**
 * Wires a tab's form to the editor: its dirty/saving state drives the unsaved bar,
 * and Save runs `save` (which returns the values the form now holds). Server field
 * errors land on the fields; anything else becomes a toast (unless `onError` took it).
 */
export function useEditorForm<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  save: (values: O) => Promise<T>,
  onError?: (err: unknown) => boolean,
) {
  const { setActiveForm } = useEditor();
  const t = useTranslations('agents.editor');
  const showError = useErrorToast();
  const { isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  const submit = form.handleSubmit(
    async (values) => {
      try {
        form.reset(await save(values));
        toast.success(t('saved'));
      } catch (err) {
        if (onError?.(err)) return;
        if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
      }
    },
    () => toast.error(t('fixErrors')),
  );
  const submitRef = useRef(submit);
  submitRef.current = submit;

  useEffect(() => {
    setActiveForm({ dirty: isDirty, saving: isSubmitting, save: () => void submitRef.current(), discard: () => form.reset() });
  }, [isDirty, isSubmitting, form, setActiveForm]);
  useEffect(() => () => setActiveForm(null), [setActiveForm]);

  return submit;
}
