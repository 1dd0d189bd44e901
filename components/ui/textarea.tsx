import type * as React from 'react';

import { cn } from '@/lib/utils/cn';
import { controlBase } from './input';

export type TextareaProps = React.ComponentProps<'textarea'>;

export function Textarea({ className, ...props }: TextareaProps) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(controlBase, 'field-sizing-content min-h-20 py-2 leading-relaxed', className)}
      {...props}
    />
  );
}
