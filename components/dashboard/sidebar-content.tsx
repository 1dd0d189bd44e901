'use client';
import { SidebarNav } from './sidebar-nav';
import { WorkspaceSwitcher } from './workspace-switcher';
import type { ShellWorkspace } from './shell-types';

/** Workspace switcher on top, the sections below; used by the fixed sidebar and the mobile sheet. */
export function SidebarContent({
  workspace,
  workspaces,
  onNavigate,
}: {
  workspace: ShellWorkspace;
  workspaces: ShellWorkspace[];
  onNavigate?: () => void;
}) {
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="border-b border-sidebar-border p-2 pr-12 lg:pr-2">
        <WorkspaceSwitcher current={workspace} all={workspaces} />
      </div>
      <SidebarNav onNavigate={onNavigate} />
    </div>
  );
}
