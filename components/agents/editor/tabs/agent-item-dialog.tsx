'use client';
// Create or edit one knowledge entry, sales script or objection response.
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import type { z } from 'zod';
import {
  createKnowledgeSchema,
  createObjectionSchema,
  createScriptSchema,
  updateKnowledgeSchema,
  updateObjectionSchema,
  updateScriptSchema,
} from '@/lib/agents/schemas';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { FormField } from '@/components/ui/form-field';
import { Spinner } from '@/components/ui/spinner';
import { DialogFooter } from '@/components/ui/dialog';
import { api } from '../../api-client';
import { applyServerErrors, useClearErrorsOnChange, useErrorToast, useFieldError } from '../../use-api-errors';
import { FormDialog, stickyFooterClass } from '../../form-dialog';
import { useEditor } from '../editor-context';
import type { AgentItem, ItemKind, ItemKindKey } from './agent-item-kinds';

/** Text inputs, and null for an optional CRM id left empty (see `clean`). */
type Values = Record<string, string | null>;
type Body = Record<string, unknown>;

/** What each kind's endpoints parse the body with: POST …/<endpoint> and PATCH …/<endpoint>/:id. */
const SCHEMAS = {
  knowledge: { create: createKnowledgeSchema, update: updateKnowledgeSchema },
  scripts: { create: createScriptSchema, update: updateScriptSchema },
  objections: { create: createObjectionSchema, update: updateObjectionSchema },
} satisfies Record<ItemKindKey, { create: z.ZodType; update: z.ZodType }>;

export function AgentItemDialog({
  kind,
  item,
  onClose,
  onSaved,
}: {
  kind: ItemKind;
  item: AgentItem | 'new' | null;
  onClose: () => void;
  onSaved: (item: AgentItem) => void;
}) {
  const t = useTranslations(`agents.items.${kind.key}`);
  const shared = useTranslations('agents.items');
  const { agent, canWrite } = useEditor();
  const fieldError = useFieldError();
  const showError = useErrorToast();
  const existing = item && item !== 'new' ? item : null;
  const toForm = (it: AgentItem | null): Values =>
    Object.fromEntries(kind.fields.map((f) => [f.name, String((it as Record<string, unknown> | null)?.[f.name] ?? '')]));
  // Optional CRM ids are null when left empty: that is the body sent, and what the endpoint's schema checks.
  const clean = (v: Values): Values => Object.fromEntries(kind.fields.map((f) => [f.name, f.nullable && !v[f.name]?.trim() ? null : v[f.name]]));
  // Each kind lists its fields at run time, so the form is typed loosely and the schema by that shape.
  const schema = SCHEMAS[kind.key][existing ? 'update' : 'create'] as unknown as z.ZodType<Body, Values>;
  const resolver: Resolver<Values, unknown, Body> = (values, context, options) => zodResolver(schema)(clean(values), context, options);
  const form = useForm<Values, unknown, Body>({ resolver, defaultValues: toForm(existing) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useClearErrorsOnChange(form);

  useEffect(() => {
    if (item) form.reset(toForm(existing));
  }, [item]); // eslint-disable-line react-hooks/exhaustive-deps

  const onSubmit = form.handleSubmit(async (values) => {
    const url = `/api/agents/${agent.id}/${kind.endpoint}`;
    try {
      const res = existing
        ? await api<Record<string, AgentItem>>('PATCH', `${url}/${existing.id}`, values)
        : await api<Record<string, AgentItem>>('POST', url, values);
      const saved = res[kind.responseKey];
      onSaved(saved);
      form.reset(toForm(saved));
      onClose();
    } catch (err) {
      if (!applyServerErrors(err, form.setError, form.getValues())) showError(err);
    }
  });

  return (
    <FormDialog
      open={item !== null}
      onClose={onClose}
      dirty={isDirty}
      busy={isSubmitting}
      title={existing ? t('editTitle') : t('newTitle')}
      className="sm:max-w-2xl"
      testId={`${kind.key}-dialog`}
    >
      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!canWrite} className="grid min-w-0 gap-5">
          {kind.fields.map((f, i) => (
            <FormField
              key={f.name}
              label={t(`fields.${f.name}`)}
              description={f.nullable ? t(`fields.${f.name}Hint`) : undefined}
              error={fieldError(errors[f.name])}
              required={f.required}
            >
              {f.long ? (
                <Textarea rows={f.name === kind.body ? 6 : 2} autoFocus={i === 0} data-testid={`${kind.key}-${f.name}`} {...form.register(f.name)} />
              ) : (
                <Input autoFocus={i === 0} className={f.mono ? 'font-mono' : undefined} data-testid={`${kind.key}-${f.name}`} {...form.register(f.name)} />
              )}
            </FormField>
          ))}
          <DialogFooter className={stickyFooterClass}>
            <Button type="button" variant="outline" onClick={onClose} disabled={isSubmitting}>
              {shared('cancel')}
            </Button>
            {canWrite && (
              <Button type="submit" disabled={isSubmitting} data-testid={`${kind.key}-save`}>
                {isSubmitting && <Spinner aria-hidden />}
                {shared('save')}
              </Button>
            )}
          </DialogFooter>
        </fieldset>
      </form>
    </FormDialog>
  );
}
