'use client';
// A read-only value with a copy button (webhook URL, verify token, the widget's script tag).
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CheckIcon, CopyIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { Label } from '@/components/ui/label';
import { toast } from '@/components/ui/sonner';

export function CopyField({ label, value, testId, multiline }: { label: string; value: string; testId: string; multiline?: boolean }) {
  const t = useTranslations('integrations.copy');
  const [copied, setCopied] = useState(false);
  const id = `copy-${testId}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      toast.success(t('copied'));
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error(t('failed'));
    }
  };
  return (
    <div className="grid min-w-0 gap-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <div className="flex min-w-0 gap-2">
        {multiline ? (
          <Textarea id={id} readOnly value={value} rows={3} className="min-w-0 resize-none font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
        ) : (
          <Input id={id} readOnly value={value} className="min-w-0 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} data-testid={testId} />
        )}
        <Button type="button" variant="outline" size="icon" onClick={copy} aria-label={t('copy')} title={t('copy')} data-testid={`${testId}-copy`} className="shrink-0">
          {copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
        </Button>
      </div>
    </div>
  );
}
