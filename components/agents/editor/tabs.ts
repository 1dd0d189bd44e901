// The editor's tabs in display order: key (also ?tab= and data-testid), icon, panel.
import type { ComponentType } from 'react';
import {
  BookOpenIcon,
  ClockIcon,
  DatabaseIcon,
  FileTextIcon,
  ListOrderedIcon,
  MessageCircleIcon,
  MessageSquareQuoteIcon,
  Settings2Icon,
  SlidersHorizontalIcon,
  WorkflowIcon,
  ZapIcon,
  type LucideIcon,
} from 'lucide-react';
import { BasicsTab } from './tabs/basics-tab';
import { InstructionsTab } from './tabs/instructions-tab';
import { PipelinesTab } from './tabs/pipelines-tab';
import { ChannelsTab } from './tabs/channels-tab';
import { KnowledgeTab } from './tabs/knowledge-tab';
import { CrmTab } from './tabs/crm-tab';
import { TriggersTab } from './tabs/triggers-tab';
import { ChainsTab } from './tabs/chains-tab';
import { ScheduleTab } from './tabs/schedule-tab';
import { AdvancedTab } from './tabs/advanced-tab';
import { ScriptsTab } from './tabs/scripts-tab';

export const EDITOR_TAB_KEYS = [
  'basics',
  'instructions',
  'pipelines',
  'channels',
  'knowledge',
  'crm',
  'triggers',
  'chains',
  'schedule',
  'advanced',
  'scripts',
] as const;
export type EditorTab = (typeof EDITOR_TAB_KEYS)[number];

export function isEditorTab(v: unknown): v is EditorTab {
  return typeof v === 'string' && (EDITOR_TAB_KEYS as readonly string[]).includes(v);
}

const PANELS: Record<EditorTab, { icon: LucideIcon; component: ComponentType }> = {
  basics: { icon: Settings2Icon, component: BasicsTab },
  instructions: { icon: FileTextIcon, component: InstructionsTab },
  pipelines: { icon: WorkflowIcon, component: PipelinesTab },
  channels: { icon: MessageCircleIcon, component: ChannelsTab },
  knowledge: { icon: BookOpenIcon, component: KnowledgeTab },
  crm: { icon: DatabaseIcon, component: CrmTab },
  triggers: { icon: ZapIcon, component: TriggersTab },
  chains: { icon: ListOrderedIcon, component: ChainsTab },
  schedule: { icon: ClockIcon, component: ScheduleTab },
  advanced: { icon: SlidersHorizontalIcon, component: AdvancedTab },
  scripts: { icon: MessageSquareQuoteIcon, component: ScriptsTab },
};

export const EDITOR_TABS = EDITOR_TAB_KEYS.map((key) => ({ key, ...PANELS[key] }));
