// A stage name with its colour dot.
import type { Deal } from './types';

export function StageBadge({ stage }: { stage: Deal['stage'] }) {
  if (!stage) return null;
  return (
    <span className="inline-flex max-w-full items-center gap-1.5 rounded-md border px-2 py-0.5 text-xs font-medium">
      <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: stage.color }} aria-hidden />
      <span className="truncate">{stage.name}</span>
    </span>
  );
}
