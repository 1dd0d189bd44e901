// Which articles a search may return: the workspace, the active flag, and categories
// including their descendants. Applied inside the database's search functions
// (app.kb_fulltext_candidates, app.kb_nearest_chunks; see the kb_search migration).
import { sql, type SQL } from 'drizzle-orm';

export interface SearchScope {
  workspaceId: string;
  /** true: active only; false: inactive only; undefined: both. */
  isActive?: boolean;
  /** Articles in any of these categories or their subcategories. */
  categoryIds?: string[];
}

/** The category ids as a uuid[] argument, or null for "any category". */
export function categoryIdsArg(scope: SearchScope): SQL {
  return scope.categoryIds?.length
    ? sql`array(select jsonb_array_elements_text(${JSON.stringify(scope.categoryIds)}::jsonb)::uuid)`
    : sql`null::uuid[]`;
}
