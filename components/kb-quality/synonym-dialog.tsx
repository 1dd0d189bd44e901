'use client';
// Add or edit one synonym entry: the customer's term and the knowledge base's words for it
// (comma-separated).
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { api } from '@/components/agents/api-client';
import { useErrorText } from '@/components/agents/use-api-errors';
import { qualityKeys, type Synonym } from './types';

export interface SynonymDraft {
  id?: string;
  term: string;
  synonyms: string[];
}

export function SynonymDialog({ draft, onClose }: { draft: SynonymDraft | null; onClose: () => void }) {
  const t = useTranslations('kbQuality.synonyms');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [term, setTerm] = useState('');
  const [words, setWords] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!draft) return;
    setTerm(draft.term);
    setWords(draft.synonyms.join(', '));
    setError(null);
  }, [draft]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const synonyms = words.split(/[,;\n]/).map((w) => w.trim()).filter(Boolean);
    if (!term.trim()) return setError(t('termRequired'));
    if (!synonyms.length) return setError(t('wordsRequired'));
    setSaving(true);
    try {
      const body = { term: term.trim(), synonyms };
      if (draft?.id) await api<{ synonym: Synonym }>('PATCH', `/api/kb/synonyms/${draft.id}`, body);
      else await api<{ synonym: Synonym }>('POST', '/api/kb/synonyms', body);
      void qc.invalidateQueries({ queryKey: qualityKeys.synonyms() });
      toast.success(draft?.id ? t('saved') : t('added'));
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={draft !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent data-testid="kbq-synonym-dialog">
        <form onSubmit={save} noValidate className="space-y-4">
          <DialogHeader>
            <DialogTitle>{draft?.id ? t('editTitle') : t('addTitle')}</DialogTitle>
            <DialogDescription>{t('dialogHint')}</DialogDescription>
          </DialogHeader>
          <div className="space-y-2">
            <Label htmlFor="kbq-term">{t('term')}</Label>
            <Input id="kbq-term" value={term} onChange={(e) => setTerm(e.target.value)} placeholder={t('termPlaceholder')} maxLength={100} data-testid="kbq-synonym-term" />
          </div>
          <div className="space-y-2">
            <Label htmlFor="kbq-words">{t('words')}</Label>
            <Input id="kbq-words" value={words} onChange={(e) => setWords(e.target.value)} placeholder={t('wordsPlaceholder')} data-testid="kbq-synonym-words" />
            <p className="text-xs text-muted-foreground">{t('wordsHint')}</p>
          </div>
          {error && (
            <p role="alert" className="text-sm font-medium text-destructive" data-testid="kbq-synonym-error">
              {error}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" disabled={saving} data-testid="kbq-synonym-save">
              {saving && <Spinner aria-hidden />}
              {t('save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
