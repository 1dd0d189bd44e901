'use client';
// Where the agent answers: every connected channel or the chosen ones.
import { useTranslations } from 'next-intl';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@/components/forms/resolver';
import { setChannelsSchema } from '@/lib/agents/schemas';
import { cn } from '@/lib/utils/cn';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { api } from '../../api-client';
import type { FullAgent } from '../../types';
import type { AgentVocab, Channel } from '../../vocab';
import { useEditor, useEditorForm, usePatchAgentCache } from '../editor-context';
import { EditorFieldset, Section, SwitchRow } from '../section';

type Channels = FullAgent['channels'];
const toForm = (c: Channels, known: AgentVocab['channels']) => ({
  all_channels: c.all_channels,
  channels: c.channels.filter((x): x is Channel => (known as readonly string[]).includes(x)),
});

export function ChannelsTab() {
  const t = useTranslations('agents.channels');
  const { agent, vocab } = useEditor();
  const patchCache = usePatchAgentCache();
  // PUT /api/agents/:id/channels parses the body with setChannelsSchema.
  const form = useForm({ resolver: zodResolver(setChannelsSchema), defaultValues: toForm(agent.channels, vocab.channels) });
  const all = useWatch({ control: form.control, name: 'all_channels' });
  const submit = useEditorForm(form, async (values) => {
    const channels = await api<Channels>('PUT', `/api/agents/${agent.id}/channels`, values);
    patchCache({ channels });
    return toForm(channels, vocab.channels);
  });

  return (
    <form onSubmit={submit} noValidate data-testid="agent-channels-form">
      <EditorFieldset>
        <Section title={t('title')} description={t('description')}>
          <div className="space-y-6">
            <SwitchRow control={form.control} name="all_channels" label={t('all')} description={t('allHint')} testId="channels-all" />
            <Controller
              control={form.control}
              name="channels"
              render={({ field }) => {
                const value = field.value ?? [];
                return (
                  <div className={cn('grid gap-2 sm:grid-cols-2 lg:grid-cols-3', all && 'opacity-50')} role="group" aria-label={t('chosen')}>
                    {vocab.channels.map((ch) => {
                      const checked = all || value.includes(ch);
                      return (
                        <Label
                          key={ch}
                          htmlFor={`channel-${ch}`}
                          className={cn(
                            'flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-3 font-normal transition-colors hover:bg-accent/50',
                            checked && !all && 'border-primary/50 bg-accent/40',
                          )}
                        >
                          <Checkbox
                            id={`channel-${ch}`}
                            checked={checked}
                            disabled={!!all}
                            onCheckedChange={(on) => field.onChange(on ? [...value, ch] : value.filter((v) => v !== ch))}
                            data-testid={`channel-${ch}`}
                          />
                          {t(`names.${ch}`)}
                        </Label>
                      );
                    })}
                  </div>
                );
              }}
            />
            {!all && <p className="text-sm text-muted-foreground">{t('chosenHint')}</p>}
          </div>
        </Section>
      </EditorFieldset>
    </form>
  );
}
