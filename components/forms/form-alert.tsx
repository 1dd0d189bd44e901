import type { ReactNode } from 'react';
import { CircleAlertIcon, CircleCheckIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';

/** A form-level message above the fields: an error, or a success note. */
export function FormAlert({
  children,
  variant = 'error',
  className,
  testId,
}: {
  children: ReactNode;
  variant?: 'error' | 'success';
  className?: string;
  testId?: string;
}) {
  if (!children) return null;
  const Icon = variant === 'error' ? CircleAlertIcon : CircleCheckIcon;
  return (
    <div
      role={variant === 'error' ? 'alert' : 'status'}
      data-testid={testId ?? `form-${variant}`}
      className={cn(
        'flex items-start gap-2.5 rounded-lg border px-3.5 py-3 text-sm leading-relaxed',
        variant === 'error'
          ? 'border-destructive/30 bg-destructive/8 text-destructive dark:border-destructive/40 dark:bg-destructive/15 dark:text-[color-mix(in_oklab,var(--destructive),white_35%)]'
          : 'border-success/30 bg-success/8 text-success dark:bg-success/15',
        className,
      )}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 [overflow-wrap:anywhere]">{children}</div>
    </div>
  );
}
