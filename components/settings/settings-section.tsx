import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** A settings block: title and explanation on the left, controls on the right (stacked on mobile). */
export function SettingsSection({
  title,
  description,
  children,
  testId,
}: {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card className="gap-0 py-0 md:grid md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]" data-testid={testId}>
      <div className="space-y-1.5 border-b p-6 md:border-r md:border-b-0">
        <h2 className="text-base font-semibold tracking-tight">{title}</h2>
        <p className="text-sm leading-relaxed text-muted-foreground">{description}</p>
      </div>
      <div className="min-w-0 p-6">{children}</div>
    </Card>
  );
}
