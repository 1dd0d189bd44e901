'use client';
// An ordered list of stages (code, name, colour, kind) with drag-and-drop reordering by mouse,
// touch and keyboard (space to lift, arrows to move, space to drop). Used by pipelines and verticals.
import { useTranslations } from 'next-intl';
import { GripVerticalIcon, PlusIcon, Trash2Icon } from 'lucide-react';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { cn } from '@/lib/utils/cn';
import { ColorPicker } from './color-picker';
import { codeFromName } from './code-from-name';
import { STAGE_KINDS, type StageDraft, type StageKind } from './types';

let seq = 0;
export const newStageKey = () => `s${Date.now().toString(36)}${(seq++).toString(36)}`;

export function StagesEditor({
  stages,
  onChange,
  disabled,
  errors,
}: {
  stages: StageDraft[];
  onChange: (stages: StageDraft[]) => void;
  disabled?: boolean;
  /** Field issues by row index and column ("2.code"). */
  errors?: Record<string, string>;
}) {
  const t = useTranslations('crmSetup.stages');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = stages.findIndex((s) => s.key === active.id);
    const to = stages.findIndex((s) => s.key === over.id);
    if (from >= 0 && to >= 0) onChange(arrayMove(stages, from, to));
  };

  const update = (i: number, patch: Partial<StageDraft>) => onChange(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const add = () => onChange([...stages, { key: newStageKey(), code: '', name: '', color: '#94a3b8', kind: 'open' }]);

  return (
    <div className="space-y-2" data-testid="stages-editor">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t('dragInstructions') },
          announcements: {
            onDragStart: ({ active }) => t('announce.lifted', { name: nameOf(stages, active.id) }),
            onDragOver: ({ active, over }) => (over ? t('announce.over', { name: nameOf(stages, active.id), position: posOf(stages, over.id) }) : ''),
            onDragEnd: ({ active, over }) => (over ? t('announce.dropped', { name: nameOf(stages, active.id), position: posOf(stages, over.id) }) : ''),
            onDragCancel: ({ active }) => t('announce.cancelled', { name: nameOf(stages, active.id) }),
          },
        }}
      >
        <SortableContext items={stages.map((s) => s.key)} strategy={verticalListSortingStrategy}>
          <ol className="space-y-2">
            {stages.map((s, i) => (
              <StageRow
                key={s.key}
                stage={s}
                index={i}
                disabled={disabled}
                canRemove={stages.length > 1}
                errors={errors}
                onChange={(patch) => update(i, patch)}
                onRemove={() => onChange(stages.filter((_, j) => j !== i))}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {!disabled && (
        <Button type="button" variant="outline" size="sm" onClick={add} data-testid="stage-add">
          <PlusIcon aria-hidden />
          {t('add')}
        </Button>
      )}
    </div>
  );
}

const nameOf = (stages: StageDraft[], key: string | number) => stages.find((s) => s.key === key)?.name || '—';
const posOf = (stages: StageDraft[], key: string | number) => stages.findIndex((s) => s.key === key) + 1;

function StageRow({
  stage,
  index,
  disabled,
  canRemove,
  errors,
  onChange,
  onRemove,
}: {
  stage: StageDraft;
  index: number;
  disabled?: boolean;
  canRemove: boolean;
  errors?: Record<string, string>;
  onChange: (patch: Partial<StageDraft>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('crmSetup.stages');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: stage.key,
    disabled,
  });
  const codeError = errors?.[`${index}.code`];
  const nameError = errors?.[`${index}.name`];
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={cn(
        'flex flex-wrap items-start gap-2 rounded-lg border bg-card p-2 sm:flex-nowrap',
        isDragging && 'relative z-10 shadow-lg ring-2 ring-ring',
      )}
      data-testid={`stage-row-${index}`}
      data-stage-code={stage.code}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="mt-1.5 cursor-grab touch-none rounded p-0.5 text-muted-foreground hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:cursor-default disabled:opacity-40"
        aria-label={t('dragHandle', { name: stage.name || index + 1 })}
        disabled={disabled}
        data-testid={`stage-handle-${index}`}
        {...attributes}
        {...listeners}
      >
        <GripVerticalIcon className="size-4" aria-hidden />
      </button>
      <ColorPicker value={stage.color} onChange={(color) => onChange({ color })} disabled={disabled} label={t('color')} />
      <div className="min-w-0 flex-1 basis-40">
        <Input
          value={stage.name}
          placeholder={t('name')}
          aria-label={t('name')}
          aria-invalid={nameError ? true : undefined}
          disabled={disabled}
          maxLength={255}
          data-testid={`stage-name-${index}`}
          onChange={(e) => {
            const name = e.target.value;
            // The code follows the name until a saved stage has one (agents refer to it by code).
            onChange(stage.id ? { name } : { name, code: codeFromName(name) });
          }}
        />
        {nameError && <p className="mt-1 text-xs text-destructive">{nameError}</p>}
      </div>
      <div className="min-w-0 flex-1 basis-24 sm:w-36 sm:flex-none">
        <Input
          value={stage.code}
          placeholder={t('code')}
          aria-label={t('code')}
          aria-invalid={codeError ? true : undefined}
          disabled={disabled}
          maxLength={64}
          className="font-mono text-xs"
          data-testid={`stage-code-${index}`}
          onChange={(e) => onChange({ code: e.target.value.toLowerCase() })}
        />
        {codeError && <p className="mt-1 text-xs text-destructive">{codeError}</p>}
      </div>
      <Select value={stage.kind} onValueChange={(kind) => onChange({ kind: kind as StageKind })} disabled={disabled}>
        <SelectTrigger className="w-28" aria-label={t('kind')} data-testid={`stage-kind-${index}`}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {STAGE_KINDS.map((k) => (
            <SelectItem key={k} value={k}>
              {t(`kinds.${k}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {!disabled && (
        <Button
          type="button"
          variant="ghost"
          size="icon"
          onClick={onRemove}
          disabled={!canRemove}
          aria-label={t('remove', { name: stage.name || index + 1 })}
          data-testid={`stage-remove-${index}`}
        >
          <Trash2Icon aria-hidden />
        </Button>
      )}
    </li>
  );
}

/** Rows from saved stages (or a template's, without ids). */
export function draftsOf(stages: { id?: string; code: string; name: string; color: string; kind: StageKind }[]): StageDraft[] {
  return stages.map((s) => ({ key: s.id ?? newStageKey(), id: s.id, code: s.code, name: s.name, color: s.color, kind: s.kind }));
}

/** Client-side checks before a save: names, codes (format, unique), by "index.column". */
export function checkStages(stages: StageDraft[], msg: { required: string; code: string; duplicate: string }): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (!s.name.trim()) out[`${i}.name`] = msg.required;
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(s.code)) out[`${i}.code`] = s.code ? msg.code : msg.required;
    else if (seen.has(s.code)) out[`${i}.code`] = msg.duplicate;
    seen.add(s.code);
  });
  return out;
}
