'use client';
// Keeps unsaved edits from being lost: the browser's leave prompt, a guard on in-app
// links, and the sticky "unsaved changes" bar with Save / Discard.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { CircleAlertIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog';

/** Asks before the tab is closed or reloaded while `dirty`. */
export function useBeforeUnload(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/** Marks the extra history entry that catches the browser's Back button while dirty. */
const TRAP = '__unsavedTrap';
const onTrap = () => Boolean((window.history.state as Record<string, unknown> | null)?.[TRAP]);
// Keeps Next's router state (it reloads the page on entries without it).
const pushTrap = () => window.history.pushState({ ...(window.history.state ?? {}), [TRAP]: true }, '', window.location.href);

/**
 * While `dirty`: the browser prompt on unload, clicks on in-app links (sidebar,
 * breadcrumbs) and the browser's Back button wait for a confirmation. `confirmLeave(fn)` runs fn now when clean,
 * otherwise after the user agrees to drop the changes.
 */
export function useLeaveGuard(dirty: boolean, onDiscard?: () => void) {
  const router = useRouter();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  /** Set once the user agreed to leave: the trap must not pull them back. */
  const leavingRef = useRef(false);
  const trappedRef = useRef(false);
  /** The page of a trap left on the history after saving: Back passes over it. */
  const staleTrapRef = useRef<string | null>(null);
  useBeforeUnload(dirty);

  useEffect(() => {
    const onPopState = () => {
      const path = staleTrapRef.current;
      if (!path || dirtyRef.current) return;
      staleTrapRef.current = null;
      // Back from the leftover duplicate landed on this same page: one more step, as the user meant.
      if (!onTrap() && window.location.pathname === path) window.history.back();
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  // Back: a duplicate entry of this page sits on top of the history while dirty. Back
  // lands on the page itself (nothing lost); the trap is re-armed and the dialog asks.
  useEffect(() => {
    if (!dirty) {
      // Saved or discarded in place. Popping the trap now could race a navigation the save
      // starts (a new article moves to its own address), so it stays and Back skips it.
      if (trappedRef.current && !leavingRef.current && onTrap()) staleTrapRef.current = window.location.pathname;
      trappedRef.current = false;
      return;
    }
    leavingRef.current = false;
    staleTrapRef.current = null;
    if (!onTrap()) pushTrap();
    trappedRef.current = true;
    const onPopState = () => {
      if (leavingRef.current || !dirtyRef.current || onTrap()) return;
      pushTrap();
      setPending(() => () => {
        const from = window.location.href;
        window.history.back();
        // Opened straight on this page: there is nothing before it to go back to.
        window.setTimeout(() => {
          if (window.location.href === from) router.push('/dashboard');
        }, 700);
      });
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [dirty, router]);

  useEffect(() => {
    if (!dirty) return;
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as HTMLElement | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || a.target === '_blank' || a.hasAttribute('download')) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(() => () => router.push(url.pathname + url.search + url.hash));
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [dirty, router]);

  const confirmLeave = useCallback((proceed: () => void) => {
    if (dirtyRef.current) setPending(() => proceed);
    else proceed();
  }, []);

  const dialog = (
    <LeaveDialog
      open={pending !== null}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const go = pending;
        leavingRef.current = true;
        setPending(null);
        onDiscard?.();
        // Take the trap off the history first, then go on from the page's own entry.
        if (onTrap()) {
          window.addEventListener('popstate', () => go?.(), { once: true });
          window.history.back();
        } else {
          go?.();
        }
      }}
    />
  );
  return { confirmLeave, dialog };
}

export function LeaveDialog({ open, onCancel, onConfirm }: { open: boolean; onCancel: () => void; onConfirm: () => void }) {
  const t = useTranslations('agents.shared.unsaved');
  return (
    <AlertDialog open={open} onOpenChange={(o) => !o && onCancel()}>
      <AlertDialogContent data-testid="unsaved-leave-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>{t('leaveTitle')}</AlertDialogTitle>
          <AlertDialogDescription>{t('leaveDescription')}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel data-testid="unsaved-stay">{t('stay')}</AlertDialogCancel>
          <AlertDialogAction data-testid="unsaved-leave" variant="destructive" onClick={onConfirm}>
            {t('leave')}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

// Sonner places its stack with these variables (inline, hence !important); the bar is
// about 4.5rem tall on wide screens and wraps to two lines on phones.
const LIFT_TOASTS =
  '[data-sonner-toaster][data-y-position=bottom]{--offset-bottom:6.5rem!important;--mobile-offset-bottom:9rem!important}';

/** The sticky bar shown while a form has unsaved edits. */
export function UnsavedBar({
  visible,
  saving,
  onSave,
  onDiscard,
  extra,
}: {
  visible: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
  extra?: ReactNode;
}) {
  const t = useTranslations('agents.shared.unsaved');
  if (!visible) return null;
  return (
    <div className="pointer-events-none sticky bottom-4 z-20 mt-6 flex justify-center" data-testid="unsaved-bar">
      {/* While the bar shows, toasts (such as "fix the errors") stack above it rather than over Save. */}
      <style>{LIFT_TOASTS}</style>
      <div
        role="status"
        className="pointer-events-auto flex w-full max-w-2xl flex-wrap items-center gap-3 rounded-xl border bg-popover/95 px-4 py-3 text-popover-foreground shadow-lg backdrop-blur supports-[backdrop-filter]:bg-popover/85"
      >
        <CircleAlertIcon className="size-4 shrink-0 text-warning" aria-hidden />
        <p className="min-w-0 flex-1 text-sm font-medium">{t('message')}</p>
        {extra}
        <div className="flex shrink-0 gap-2">
          <Button type="button" variant="ghost" size="sm" onClick={onDiscard} disabled={saving} data-testid="unsaved-discard">
            {t('discard')}
          </Button>
          <Button type="button" size="sm" onClick={onSave} disabled={saving} data-testid="unsaved-save">
            {saving && <Spinner aria-hidden />}
            {t('save')}
          </Button>
        </div>
      </div>
    </div>
  );
}
