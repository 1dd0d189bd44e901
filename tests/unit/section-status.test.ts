// The sidebar's "soon" marks match the pages that are still placeholders.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOON_SECTIONS } from '@/components/dashboard/section-status';
import { ALL_NAV_ITEMS } from '@/components/dashboard/nav-items';

function pages(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pages(p) : e.name === 'page.tsx' ? [p] : [];
  });
}

describe('sections marked "soon"', () => {
  it('are exactly the sections whose page renders the coming-soon placeholder', () => {
    const placeholders = new Set(
      pages(path.join(process.cwd(), 'app', '(dashboard)')).flatMap((file) => {
        const m = /<ComingSoon section="([A-Za-z]+)"/.exec(fs.readFileSync(file, 'utf8'));
        return m ? [m[1]] : [];
      }),
    );
    expect(placeholders.size).toBeGreaterThan(0);
    expect([...SOON_SECTIONS].sort()).toEqual([...placeholders].sort());
    // Every built section in the sidebar is unmarked.
    for (const item of ALL_NAV_ITEMS) expect(SOON_SECTIONS.has(item.key)).toBe(placeholders.has(item.key));
  });
});
