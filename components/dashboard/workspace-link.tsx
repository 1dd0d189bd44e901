'use client';
// A link inside the page's workspace, for server components that do not know its slug.
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { useWorkspaceHref } from './workspace-context';

export function WorkspaceLink({ to, ...props }: Omit<ComponentProps<typeof Link>, 'href'> & { to: string }) {
  const wsHref = useWorkspaceHref();
  return <Link href={wsHref(to)} {...props} />;
}
