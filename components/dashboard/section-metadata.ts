import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { SectionKey } from './nav-items';

/** The browser tab title of a dashboard section, in the visitor's language. */
export async function sectionMetadata(section: SectionKey): Promise<Metadata> {
  const t = await getTranslations('nav.sections');
  return { title: t(section) };
}
