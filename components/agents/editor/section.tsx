'use client';
// Layout pieces shared by the editor tabs: a titled card, a switch row, a disabled-for-viewers fieldset.
import type { ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { cn } from '@/lib/utils/cn';
import { Switch } from '@/components/ui/switch';
import { Label } from '@/components/ui/label';
import { useEditor } from './editor-context';

export function Section({
  title,
  description,
  actions,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={cn('rounded-xl border bg-card text-card-foreground shadow-xs', className)} data-testid={testId}>
      <header className="flex flex-col gap-3 border-b px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div className="min-w-0 space-y-1">
          <h2 className="text-base font-semibold tracking-tight">{title}</h2>
          {description && <p className="text-sm text-pretty text-muted-foreground">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </header>
      <div className="px-5 py-5 sm:px-6">{children}</div>
    </section>
  );
}

/** Every control inside is disabled for roles that cannot edit (native fieldset behaviour). */
export function EditorFieldset({ children, className }: { children: ReactNode; className?: string }) {
  const { canWrite } = useEditor();
  return (
    <fieldset disabled={!canWrite} className={cn('min-w-0 space-y-6', className)}>
      {children}
    </fieldset>
  );
}

export function SwitchRow<T extends FieldValues>({
  control,
  name,
  label,
  description,
  testId,
  disabled,
}: {
  control: Control<T>;
  name: FieldPath<T>;
  label: ReactNode;
  description?: ReactNode;
  testId?: string;
  disabled?: boolean;
}) {
  const id = `switch-${testId ?? String(name)}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <Label htmlFor={id} className="leading-snug">
              {label}
            </Label>
            {description && <p className="text-sm text-pretty text-muted-foreground">{description}</p>}
          </div>
          <Switch
            id={id}
            checked={!!field.value}
            onCheckedChange={field.onChange}
            onBlur={field.onBlur}
            disabled={disabled}
            data-testid={testId}
            className="mt-0.5"
          />
        </div>
      )}
    />
  );
}
