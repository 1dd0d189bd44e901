// Renders article text safely as React elements: a small Markdown subset (headings, lists,
// paragraphs, **bold**) for the preview, and **term** highlights for search snippets.
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils/cn';

/** Splits on **…** pairs; odd parts are the highlighted ones. */
function inline(text: string, mark: (s: string, key: number) => ReactNode): ReactNode[] {
  return text.split(/\*\*(.+?)\*\*/g).map((part, i) => (i % 2 ? mark(part, i) : part));
}

export function Snippet({ text, className }: { text: string; className?: string }) {
  return (
    <p className={cn('text-sm leading-relaxed text-muted-foreground', className)} data-testid="kb-snippet">
      {inline(text, (s, key) => (
        <mark key={key} className="rounded-sm bg-warning/30 px-0.5 text-foreground dark:bg-warning/25">
          {s}
        </mark>
      ))}
    </p>
  );
}

const bold = (s: string, key: number) => (
  <strong key={key} className="font-semibold text-foreground">
    {s}
  </strong>
);

export function ContentPreview({ text, emptyText }: { text: string; emptyText: string }) {
  if (!text.trim()) return <p className="text-sm text-muted-foreground italic">{emptyText}</p>;
  const blocks: ReactNode[] = [];
  let list: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push(<p key={blocks.length}>{inline(para.join('\n'), bold)}</p>);
    if (list.length) {
      blocks.push(
        <ul key={blocks.length} className="list-disc space-y-1 pl-5">
          {list.map((item, i) => (
            <li key={i}>{inline(item, bold)}</li>
          ))}
        </ul>,
      );
    }
    para = [];
    list = [];
  };
  for (const line of text.split('\n')) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1].length;
      const cls = level === 1 ? 'text-xl' : level === 2 ? 'text-lg' : 'text-base';
      blocks.push(
        <p key={blocks.length} role="heading" aria-level={level + 1} className={cn('font-semibold tracking-tight text-foreground', cls)}>
          {inline(heading[2], bold)}
        </p>,
      );
    } else if (item) {
      if (para.length) flush();
      list.push(item[1]);
    } else if (!line.trim()) {
      flush();
    } else {
      if (list.length) flush();
      para.push(line);
    }
  }
  flush();
  return (
    <div className="space-y-3 text-sm leading-relaxed whitespace-pre-line text-foreground/90" data-testid="kb-preview">
      {blocks}
    </div>
  );
}
