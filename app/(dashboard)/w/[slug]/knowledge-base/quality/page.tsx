// Knowledge-base quality: unanswered questions and the workspace's synonyms.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { KbQuality } from '@/components/kb-quality/kb-quality';
import { getCaller } from '../../caller';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('kbQuality');
  return { title: t('title') };
}

type Props = { params: Promise<{ slug: string }> };

export default async function KbQualityPage({ params }: Props) {
  const caller = await getCaller(params);
  return <KbQuality canWrite={can(caller.role, 'kb.write')} />;
}
