'use client';

import * as React from 'react';
import { Slot } from 'radix-ui';

import { cn } from '@/lib/utils/cn';
import { Label } from './label';

/** Destructive text, lifted a little in dark mode so small text keeps AA contrast. */
const destructiveText = 'text-destructive dark:text-[color-mix(in_oklab,var(--destructive),white_30%)]';

/** Props wired onto the form control so label, hint and error are announced. */
export type FormControlProps = {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-required'?: true;
};

export type FormFieldProps = Omit<React.ComponentProps<'div'>, 'children' | 'id'> & {
  label?: React.ReactNode;
  /** Helper text under the control. */
  description?: React.ReactNode;
  /** Error message, e.g. `errors.email?.message` from react-hook-form. Truthy ⇒ invalid. */
  error?: React.ReactNode;
  required?: boolean;
  /** Id applied to the control (auto-generated when omitted). */
  id?: string;
  /**
   * A single control element (props are merged onto it via Slot), or a render
   * function receiving the props to spread: `{(p) => <Input {...p} {...register('x')} />}`.
   */
  children: React.ReactElement | ((control: FormControlProps) => React.ReactNode);
};

export function FormField({
  label,
  description,
  error,
  required,
  id,
  className,
  children,
  ...props
}: FormFieldProps) {
  const autoId = React.useId();
  const controlId = id ?? `field-${autoId}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const invalid = error != null && error !== false && error !== '';

  const describedBy = [description ? descriptionId : null, invalid ? errorId : null]
    .filter(Boolean)
    .join(' ');

  const control: FormControlProps = {
    id: controlId,
    ...(invalid && { 'aria-invalid': true as const }),
    ...(describedBy && { 'aria-describedby': describedBy }),
    ...(required && { 'aria-required': true as const }),
  };

  return (
    <div data-slot="form-field" data-invalid={invalid || undefined} className={cn('grid gap-2', className)} {...props}>
      {label != null && (
        <Label htmlFor={controlId} className={cn(invalid && destructiveText)}>
          {label}
          {required && (
            <span aria-hidden className="-ml-1 text-destructive">
              *
            </span>
          )}
        </Label>
      )}
      {typeof children === 'function' ? children(control) : <Slot.Root {...control}>{children}</Slot.Root>}
      {description != null && (
        <p id={descriptionId} data-slot="form-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      )}
      {invalid && (
        <p id={errorId} role="alert" data-slot="form-message" className={cn('text-sm font-medium', destructiveText)}>
          {error}
        </p>
      )}
    </div>
  );
}
