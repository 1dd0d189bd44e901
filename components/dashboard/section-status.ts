// Sections whose page is still the "coming soon" placeholder: the sidebar marks them, so
// nobody clicks through eight empty pages to find the three that work.
import type { SectionKey } from './nav-items';

export const SOON_SECTIONS: ReadonlySet<SectionKey> = new Set<SectionKey>([
  'billing',
  'support',
]);
