'use client';
// A colour chip that opens a small panel of swatches plus a hex field.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/utils/cn';
import { STAGE_COLORS } from './types';

export function ColorPicker({ value, onChange, disabled, label }: { value: string; onChange: (v: string) => void; disabled?: boolean; label: string }) {
  const t = useTranslations('crmSetup.stages');
  const [hex, setHex] = useState(value);
  return (
    <DropdownMenu onOpenChange={(o) => o && setHex(value)}>
      <DropdownMenuTrigger asChild disabled={disabled}>
        <button
          type="button"
          className="mt-1 size-7 shrink-0 rounded-md border shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-60"
          style={{ backgroundColor: value }}
          aria-label={`${label}: ${value}`}
          data-testid="stage-color"
        />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-56 p-3" align="start">
        <div className="grid grid-cols-5 gap-2" role="group" aria-label={label}>
          {STAGE_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={cn('size-8 rounded-md border focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none', c === value && 'ring-2 ring-ring')}
              style={{ backgroundColor: c }}
              aria-label={c}
              aria-pressed={c === value}
              onClick={() => onChange(c)}
            />
          ))}
        </div>
        <Input
          className="mt-3 font-mono text-xs"
          value={hex}
          aria-label={t('hex')}
          maxLength={7}
          onKeyDown={(e) => e.stopPropagation()}
          onChange={(e) => {
            const v = e.target.value.startsWith('#') ? e.target.value : `#${e.target.value}`;
            setHex(v);
            if (/^#[0-9a-fA-F]{6}$/.test(v)) onChange(v.toLowerCase());
          }}
        />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
