// The agent editor: the agent is read on the server (404 for unknown ids), then kept fresh by the client.
import { cache } from 'react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { getAgent } from '@/lib/agents/get-agent';
import { planOf } from '@/lib/billing/plans';
import { AppError } from '@/lib/api/errors';
import { AgentEditor } from '@/components/agents/editor/agent-editor';
import { getCaller } from '../../caller';
import { AGENT_VOCAB } from '../vocab';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ tab?: string | string[] }> };

/** One read per request, shared by the metadata and the page. */
const loadAgent = cache(async (slug: string, id: string) => {
  if (!UUID.test(id)) notFound();
  const caller = await getCaller({ slug });
  try {
    return { caller, agent: await getAgent(caller.actor, id) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const t = await getTranslations('agents.editor');
  try {
    const { agent } = await loadAgent(slug, id);
    return { title: t('metaTitle', { name: agent.name }) };
  } catch {
    return { title: t('metaFallback') };
  }
}

export default async function AgentEditorPage({ params, searchParams }: Props) {
  const [{ slug, id }, { tab }] = await Promise.all([params, searchParams]);
  const { caller, agent } = await loadAgent(slug, id);
  return (
    <AgentEditor
      initialAgent={agent}
      canWrite={can(caller.role, 'agents.write')}
      instructionsLimit={planOf(caller.workspace.subscriptionPlan).instructionsMaxLength}
      vocab={AGENT_VOCAB}
      initialTab={typeof tab === 'string' ? tab : undefined}
    />
  );
}
