import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** The card every auth page sits in: heading, body, optional footer line. */
export function AuthCard({
  title,
  description,
  footer,
  icon,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  footer?: ReactNode;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="gap-0 overflow-hidden py-0 shadow-xl shadow-black/[0.04] dark:shadow-black/40">
      <div className="space-y-2 px-6 pt-8 pb-6 sm:px-8">
        {icon && (
          <div className="mb-4 flex size-11 items-center justify-center rounded-xl bg-accent text-accent-foreground [&_svg]:size-5">
            {icon}
          </div>
        )}
        <h1 className="text-xl font-semibold tracking-tight text-balance">{title}</h1>
        {description && <p className="text-sm leading-relaxed text-muted-foreground">{description}</p>}
      </div>
      <div className="px-6 pb-8 sm:px-8">{children}</div>
      {footer && (
        <div className="border-t bg-muted/40 px-6 py-4 text-center text-sm text-muted-foreground sm:px-8">{footer}</div>
      )}
    </Card>
  );
}
