'use client';
// What the agent knows about the company, its sales scripts and its answers to objections.
import { ITEM_KINDS } from './agent-item-kinds';
import { AgentItems } from './agent-items';

export function ScriptsTab() {
  return (
    <div className="space-y-6">
      {ITEM_KINDS.map((kind) => (
        <AgentItems key={kind.key} kind={kind} />
      ))}
    </div>
  );
}
