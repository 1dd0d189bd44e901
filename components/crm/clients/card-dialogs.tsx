'use client';
// The client's dialogs (deals): stage, channel, price; each opens the deal panel on the deals page.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import type { Client } from './types';
import { ChannelIcon, StageBadge, useMoney } from './display';
import { CardSection, Muted } from './card-section';

export function CardDialogs({ client }: { client: Client }) {
  const t = useTranslations('clients.card.dialogs');
  const wsHref = useWorkspaceHref();
  const fmt = useTimeFormat();
  const money = useMoney();
  return (
    <CardSection title={t('title', { count: client.dialogs.length })} testId="card-dialogs">
      {client.dialogs.length === 0 && <Muted>{t('empty')}</Muted>}
      <ul className="divide-y">
        {client.dialogs.map((d) => (
          <li key={d.id} data-testid="dialog-item">
            <Link href={wsHref(`/deals?deal=${d.id}`)} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm hover:bg-accent/40">
              {d.channel && <ChannelIcon type={d.channel} />}
              <span className="min-w-0 flex-1 truncate font-medium">{d.title || t('untitled')}</span>
              <StageBadge stage={d.stage} />
              <span className="tabular-nums">{money(d.price, d.currency)}</span>
              <span className="w-full text-xs text-muted-foreground sm:w-auto">{fmt.date(d.last_message_at ?? d.created_at)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </CardSection>
  );
}
