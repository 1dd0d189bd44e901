import type * as React from 'react';
import { LoaderCircleIcon } from 'lucide-react';

import { cn } from '@/lib/utils/cn';

export type SpinnerProps = React.ComponentProps<typeof LoaderCircleIcon> & {
  /** Accessible name announced by screen readers. */
  label?: string;
};

export function Spinner({ className, label = 'Загрузка…', ...props }: SpinnerProps) {
  return (
    <LoaderCircleIcon
      data-slot="spinner"
      role="status"
      aria-label={label}
      className={cn('size-4 animate-spin', className)}
      {...props}
    />
  );
}
