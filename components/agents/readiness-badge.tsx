'use client';
// "Ready" / "Test chat only" / "Not ready: no model key": what an agent can really do, in place
// of a green "active" on an agent that cannot answer.
import { useTranslations } from 'next-intl';
import { CircleCheckIcon, FlaskConicalIcon, TriangleAlertIcon } from 'lucide-react';
import type { Readiness } from '@/lib/agents/check-readiness';
import { Badge } from '@/components/ui/badge';

export function ReadinessBadge({ readiness, className }: { readiness: Readiness; className?: string }) {
  const t = useTranslations('notifications.readiness');
  if (!readiness.ready) {
    const failing = readiness.checks.filter((c) => c.blocking && !c.ok).map((c) => t(`reasons.${c.code as 'model' | 'knowledge'}`));
    return (
      <Badge variant="warning" className={className} data-testid="agent-readiness" data-ready="false">
        <TriangleAlertIcon aria-hidden />
        {t('notReady', { reason: failing.join(', ') })}
      </Badge>
    );
  }
  const testOnly = readiness.channel === 'test_chat_only';
  return (
    <Badge variant={testOnly ? 'secondary' : 'success'} className={className} data-testid="agent-readiness" data-ready="true">
      {testOnly ? <FlaskConicalIcon aria-hidden /> : <CircleCheckIcon aria-hidden />}
      {testOnly ? t('testChatOnly') : t('ready')}
    </Badge>
  );
}
