import { redirect } from 'next/navigation';

export default async function CrmSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  redirect(`/w/${(await params).slug}/settings/crm/pipelines`);
}
