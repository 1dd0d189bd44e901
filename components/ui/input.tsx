import type * as React from 'react';

import { cn } from '@/lib/utils/cn';

export const controlBase = cn(
  'w-full min-w-0 rounded-md border border-input bg-transparent px-3 text-base shadow-xs md:text-sm',
  'placeholder:text-muted-foreground selection:bg-primary selection:text-primary-foreground',
  'transition-[color,box-shadow,border-color] outline-none dark:bg-input/20',
  'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50',
  'disabled:cursor-not-allowed disabled:opacity-50',
  'aria-invalid:border-destructive aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40',
);

export type InputProps = React.ComponentProps<'input'>;

export function Input({ className, type = 'text', ...props }: InputProps) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        controlBase,
        'h-9 py-1',
        'file:mr-3 file:inline-flex file:h-7 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground',
        className,
      )}
      {...props}
    />
  );
}
