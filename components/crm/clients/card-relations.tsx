'use client';
// Relations to other clients (spouse, colleague, referral …): add with a client search, remove, open.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { PlusIcon, XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { api } from '@/components/agents/api-client';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { RELATION_TYPES, type Client, type ClientListItem, type RelationType } from './types';
import { CardSection, Muted } from './card-section';
import { ClientPicker } from './client-picker';
import { useCardMutation } from './use-card';

export function CardRelations({ client, canWrite }: { client: Client; canWrite: boolean }) {
  const t = useTranslations('clients.card.relations');
  const tr = useTranslations('clients.relationTypes');
  const wsHref = useWorkspaceHref();
  const [adding, setAdding] = useState(false);
  const [other, setOther] = useState<ClientListItem | null>(null);
  const [type, setType] = useState<RelationType>('relative');
  const add = useCardMutation(client.id, () => api('POST', `/api/clients/${client.id}/relations`, { client_id: other?.id, relation_type: type }), {
    onSuccess: () => {
      setAdding(false);
      setOther(null);
    },
  });
  const remove = useCardMutation(client.id, (id: string) => api('DELETE', `/api/clients/${client.id}/relations/${id}`));
  return (
    <CardSection
      title={t('title')}
      testId="card-relations"
      action={
        canWrite &&
        !adding && (
          <Button size="sm" variant="ghost" onClick={() => setAdding(true)} data-testid="relation-add">
            <PlusIcon aria-hidden />
            {t('add')}
          </Button>
        )
      }
    >
      {client.relations.length === 0 && !adding && <Muted>{t('empty')}</Muted>}
      <ul className="space-y-2">
        {client.relations.map((r) => (
          <li key={r.id} className="flex items-center gap-2 text-sm" data-testid="relation-item">
            <Link href={wsHref(`/clients/${r.client_id}`)} className="min-w-0 flex-1 truncate font-medium hover:underline">
              {r.name}
            </Link>
            <span className="text-muted-foreground">{tr.has(r.relation_type) ? tr(r.relation_type) : r.relation_type}</span>
            {canWrite && (
              <Button size="icon" variant="ghost" className="size-7" aria-label={t('remove')} onClick={() => remove.mutate(r.id)} disabled={remove.isPending}>
                <XIcon aria-hidden />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {adding && (
        <div className="space-y-2">
          <ClientPicker excludeId={client.id} selected={other} onSelect={setOther} testId="relation-picker" />
          <Select value={type} onValueChange={(v) => setType(v as RelationType)}>
            <SelectTrigger className="w-full" aria-label={t('type')} data-testid="relation-type">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {RELATION_TYPES.map((r) => (
                <SelectItem key={r} value={r}>
                  {tr(r)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="outline" onClick={() => (setAdding(false), setOther(null))}>
              {t('cancel')}
            </Button>
            <Button size="sm" disabled={!other || add.isPending} onClick={() => add.mutate(undefined)} data-testid="relation-save">
              {t('save')}
            </Button>
          </div>
        </div>
      )}
    </CardSection>
  );
}
