'use client';
// A titled block of the client card.
import type { ReactNode } from 'react';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export function CardSection({ title, action, children, testId }: { title: ReactNode; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card className="min-w-0 gap-3 py-4" data-testid={testId}>
      <CardHeader className="flex min-h-8 flex-row items-center justify-between gap-2 px-4 sm:px-5">
        <CardTitle className="text-base">{title}</CardTitle>
        {action}
      </CardHeader>
      <CardContent className="space-y-3 px-4 sm:px-5">{children}</CardContent>
    </Card>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted-foreground">{children}</p>;
}
