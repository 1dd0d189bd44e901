'use client';
// A dialog holding a form: closing it with unsaved edits asks first, and so does leaving the page.
import { useState, type ReactNode } from 'react';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { LeaveDialog, useBeforeUnload } from './unsaved-changes';
import { cn } from '@/lib/utils/cn';

/** The footer of a long form dialog stays in view while the body scrolls. */
export const stickyFooterClass = 'sticky -bottom-6 z-10 -mx-6 -mb-6 border-t bg-background px-6 py-4';

export function FormDialog({
  open,
  onClose,
  dirty,
  busy,
  title,
  description,
  children,
  className,
  testId,
}: {
  open: boolean;
  onClose: () => void;
  dirty: boolean;
  busy?: boolean;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  useBeforeUnload(open && dirty);
  const requestClose = () => {
    if (busy) return;
    if (dirty) setAsking(true);
    else onClose();
  };
  return (
    <>
      <Dialog open={open} onOpenChange={(o) => !o && requestClose()}>
        <DialogContent className={cn('sm:max-w-xl', className)} data-testid={testId} onInteractOutside={(e) => dirty && e.preventDefault()}>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            {description && <DialogDescription>{description}</DialogDescription>}
          </DialogHeader>
          {children}
        </DialogContent>
      </Dialog>
      <LeaveDialog
        open={asking}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          onClose();
        }}
      />
    </>
  );
}
