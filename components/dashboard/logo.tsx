import { SparklesIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';

/** The product mark and name. */
export function Logo({ name, className, compact = false }: { name: string; className?: string; compact?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2.5 font-semibold tracking-tight', className)}>
      <span
        aria-hidden
        className="flex size-8 items-center justify-center rounded-lg bg-gradient-to-br from-primary to-[color-mix(in_oklab,var(--primary),#ec4899_45%)] text-primary-foreground shadow-sm"
      >
        <SparklesIcon className="size-4" />
      </span>
      {!compact && <span className="text-[15px]">{name}</span>}
    </span>
  );
}
