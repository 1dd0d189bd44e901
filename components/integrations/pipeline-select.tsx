'use client';
// Which funnel a connection's new conversations land in (seed 002): a pipeline, or the default one.
import { useTranslations } from 'next-intl';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { FormControlProps } from '@/components/ui/form-field';
import { usePipelineOptions } from './use-integrations';

const NONE = '__default';

export function PipelineSelect({
  value,
  onChange,
  disabled,
  testId,
  control,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  disabled?: boolean;
  testId: string;
  control?: FormControlProps;
}) {
  const t = useTranslations('integrations.pipeline');
  const pipelines = usePipelineOptions();
  return (
    <Select value={value ?? NONE} onValueChange={(v) => onChange(v === NONE ? null : v)} disabled={disabled}>
      <SelectTrigger className="w-full" data-testid={testId} {...control}>
        <SelectValue placeholder={t('default')} />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={NONE} data-testid={`${testId}-default`}>
          {t('default')}
        </SelectItem>
        {(pipelines.data ?? []).map((p) => (
          <SelectItem key={p.id} value={p.id} data-testid={`${testId}-option`} data-name={p.name}>
            {p.name}
          </SelectItem>
        ))}
        {value && pipelines.data && !pipelines.data.some((p) => p.id === value) && (
          <SelectItem value={value} disabled>
            {t('missing')}
          </SelectItem>
        )}
      </SelectContent>
    </Select>
  );
}
