import type { ReactNode } from 'react';
import Link from 'next/link';
import { ArrowUpRightIcon } from 'lucide-react';
import { Card } from '@/components/ui/card';

/** One overview figure: a label with an icon, the value, a detail line and an optional link. */
export function StatCard({
  icon,
  label,
  value,
  detail,
  href,
  linkLabel,
  children,
  testId,
}: {
  icon: ReactNode;
  label: ReactNode;
  value: ReactNode;
  detail?: ReactNode;
  href?: string;
  linkLabel?: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <Card className="gap-0 p-5" data-testid={testId}>
      <div className="flex items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-2.5 text-sm font-medium text-muted-foreground">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground [&_svg]:size-4">
            {icon}
          </span>
          <span className="truncate">{label}</span>
        </div>
        {href && linkLabel && (
          <Link
            href={href}
            className="inline-flex shrink-0 items-center gap-0.5 rounded-sm text-xs font-medium text-primary outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
          >
            {linkLabel}
            <ArrowUpRightIcon className="size-3.5" aria-hidden />
          </Link>
        )}
      </div>
      <div className="mt-4 text-2xl font-semibold tracking-tight tabular-nums">{value}</div>
      {detail && <div className="mt-1 text-sm text-muted-foreground">{detail}</div>}
      {children && <div className="mt-4">{children}</div>}
    </Card>
  );
}
