'use client';
// A list of short ids typed as chips: Enter or comma adds, Backspace on empty removes the last.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { XIcon } from 'lucide-react';
import { cn } from '@/lib/utils/cn';

export interface TagInputProps {
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  id?: string;
  maxLength?: number;
  testId?: string;
  'aria-describedby'?: string;
}

export function TagInput({ value, onChange, placeholder, disabled, invalid, id, maxLength = 100, testId, ...aria }: TagInputProps) {
  const t = useTranslations('agents.shared');
  const [draft, setDraft] = useState('');
  const autoId = useId();
  const inputId = id ?? autoId;

  const add = (raw: string) => {
    const parts = raw
      .split(/[,\n]/)
      .map((s) => s.trim().slice(0, maxLength))
      .filter(Boolean);
    const next = [...value];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length !== value.length) onChange(next);
    setDraft('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      if (draft.trim()) add(draft);
    } else if (e.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div
      data-testid={testId}
      aria-invalid={invalid || undefined}
      className={cn(
        'flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-input bg-transparent px-2 py-1.5 shadow-xs dark:bg-input/20',
        'focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50',
        invalid && 'border-destructive',
        disabled && 'cursor-not-allowed opacity-50',
      )}
      onClick={() => document.getElementById(inputId)?.focus()}
    >
      {value.map((tag) => (
        <span
          key={tag}
          className="inline-flex max-w-full items-center gap-1 rounded-md bg-secondary px-2 py-0.5 font-mono text-xs text-secondary-foreground"
          data-testid={testId ? `${testId}-tag` : undefined}
        >
          <span className="truncate">{tag}</span>
          {!disabled && (
            <button
              type="button"
              className="rounded-sm opacity-60 outline-none hover:opacity-100 focus-visible:ring-2 focus-visible:ring-ring/50"
              onClick={(e) => {
                e.stopPropagation();
                onChange(value.filter((v) => v !== tag));
              }}
              aria-label={t('removeTag', { tag })}
            >
              <XIcon className="size-3" aria-hidden />
            </button>
          )}
        </span>
      ))}
      <input
        id={inputId}
        value={draft}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add(draft)}
        onPaste={(e) => {
          const text = e.clipboardData.getData('text');
          if (/[,\n]/.test(text)) {
            e.preventDefault();
            add(text);
          }
        }}
        placeholder={value.length ? undefined : placeholder}
        className="min-w-24 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground disabled:cursor-not-allowed"
        data-testid={testId ? `${testId}-input` : undefined}
        {...aria}
      />
    </div>
  );
}
