'use client';
// Short facts about the client, added by people (and later by the agent), with their source.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Badge } from '@/components/ui/badge';
import { api } from '@/components/agents/api-client';
import type { Client } from './types';
import { CardSection, Muted } from './card-section';
import { useCardMutation } from './use-card';

export function CardFacts({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.facts');
  const ts = useTranslations('clients.sources');
  const [text, setText] = useState('');
  const add = useCardMutation(client.id, (v: string) => api('POST', `/api/clients/${client.id}/facts`, { text: v }), { onSuccess: () => setText('') });
  const remove = useCardMutation(client.id, (id: string) => api('DELETE', `/api/clients/${client.id}/facts/${id}`));
  return (
    <CardSection title={t('title')} testId="card-facts">
      {client.facts.length === 0 && <Muted>{t('empty')}</Muted>}
      <ul className="space-y-2">
        {client.facts.map((f) => (
          <li key={f.id} className="flex items-start gap-2 text-sm" data-testid="fact-item">
            <span className="min-w-0 flex-1 break-words">{f.text}</span>
            <Badge variant={f.source === 'agent' ? 'secondary' : 'outline'}>{ts.has(f.source) ? ts(f.source) : f.source}</Badge>
            {canWrite && (
              <Button size="icon" variant="ghost" className="size-7" aria-label={t('remove')} onClick={() => remove.mutate(f.id)} disabled={remove.isPending}>
                <XIcon aria-hidden />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canWrite && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) add.mutate(text.trim());
          }}
        >
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('placeholder')} aria-label={t('placeholder')} maxLength={500} data-testid="fact-input" />
          <Button type="submit" variant="outline" disabled={add.isPending || !text.trim()} data-testid="fact-add">
            {t('add')}
          </Button>
        </form>
      )}
    </CardSection>
  );
}
