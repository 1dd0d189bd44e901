'use client';
// The workspace the page's URL names, for client components: links inside it,
// the X-Tenant-ID of every API call, the bound argument of workspace actions,
// and the time zone every time is shown in.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setApiWorkspace } from '@/components/agents/api-client';
import { workspacePath } from '@/lib/workspaces/paths';

export interface PageWorkspace {
  id: string;
  slug: string;
  timeZone: string;
}

const WorkspaceContext = createContext<PageWorkspace | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: PageWorkspace; children: ReactNode }) {
  // Set during render so the first effects of the page already send this tab's workspace.
  if (typeof window !== 'undefined') setApiWorkspace(workspace.id);
  // One server-state cache per workspace: lists cached in one never show in another.
  const queryClient = useMemo(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workspace.id],
  );
  return (
    <WorkspaceContext.Provider value={workspace}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </WorkspaceContext.Provider>
  );
}

export function usePageWorkspace(): PageWorkspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('usePageWorkspace outside a workspace page');
  return ws;
}

/** The page's workspace if there is one (components also used outside the dashboard). */
export function useOptionalPageWorkspace(): PageWorkspace | null {
  return useContext(WorkspaceContext);
}

/** `href('/agents/1')` → `/w/<slug>/agents/1` of the page's workspace. */
export function useWorkspaceHref(): (rest?: string) => string {
  const ws = usePageWorkspace();
  return useCallback((rest = '') => workspacePath(ws.slug, rest), [ws.slug]);
}

/**
 * A workspace server action with the page's workspace bound as its first
 * argument, so the action acts where the page is, whatever another tab did.
 */
export function useWorkspaceAction<I, R>(action: (workspaceId: string, input: I) => Promise<R>): (input: I) => Promise<R> {
  const { id } = usePageWorkspace();
  return useCallback((input: I) => action(id, input), [action, id]);
}
