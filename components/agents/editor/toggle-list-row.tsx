'use client';
// One row of a trigger or chain list: on/off switch, name, details, edit and delete buttons.
import type { ReactNode } from 'react';
import { PencilIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Switch } from '@/components/ui/switch';

interface Props {
  /** data-testid prefix: "trigger" gives trigger-row, trigger-toggle, trigger-name, ... */
  testId: string;
  name: string;
  isActive: boolean;
  canWrite: boolean;
  labels: { toggle: string; edit: string; delete: string };
  onToggle: (isActive: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
  children: ReactNode;
}

export function ToggleListRow({ testId, name, isActive, canWrite, labels, onToggle, onEdit, onDelete, children }: Props) {
  return (
    <li className="flex items-start gap-3 px-3 py-3 sm:px-4" data-testid={`${testId}-row`}>
      <Switch
        checked={isActive}
        disabled={!canWrite}
        onCheckedChange={onToggle}
        aria-label={labels.toggle}
        className="mt-0.5"
        data-testid={`${testId}-toggle`}
      />
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="truncate text-sm font-medium" data-testid={`${testId}-name`}>
          {name}
        </p>
        {children}
      </div>
      <div className="flex shrink-0 items-center gap-0.5">
        <Button variant="ghost" size="icon" className="size-8" onClick={onEdit} aria-label={labels.edit} data-testid={`${testId}-edit`}>
          <PencilIcon aria-hidden />
        </Button>
        {canWrite && (
          <Button variant="ghost" size="icon" className="size-8" onClick={onDelete} aria-label={labels.delete} data-testid={`${testId}-delete`}>
            <Trash2Icon aria-hidden />
          </Button>
        )}
      </div>
    </li>
  );
}

/** Replaces the saved item in a list, or appends it when new. */
export function upsertById<T extends { id: string }>(list: T[], saved: T): T[] {
  return list.some((x) => x.id === saved.id) ? list.map((x) => (x.id === saved.id ? saved : x)) : [...list, saved];
}
