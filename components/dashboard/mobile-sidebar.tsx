'use client';
// Below the lg breakpoint the sidebar slides in from the left as a sheet.
import { useEffect, useState, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Dialog as SheetPrimitive } from 'radix-ui';
import { MenuIcon, XIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { overlayClassName } from '@/components/ui/dialog';

export function MobileSidebar({ children }: { children: (close: () => void) => ReactNode }) {
  const t = useTranslations('nav');
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <SheetPrimitive.Root open={open} onOpenChange={setOpen}>
      <SheetPrimitive.Trigger asChild>
        <Button variant="ghost" size="icon" className="-ml-2 lg:hidden" aria-label={t('openMenu')} data-testid="mobile-menu">
          <MenuIcon aria-hidden />
        </Button>
      </SheetPrimitive.Trigger>
      <SheetPrimitive.Portal>
        <SheetPrimitive.Overlay className={overlayClassName} />
        <SheetPrimitive.Content
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-sidebar-border bg-sidebar text-sidebar-foreground shadow-xl outline-none data-[state=closed]:animate-fade-out data-[state=open]:animate-fade-in"
        >
          <SheetPrimitive.Title className="sr-only">{t('label')}</SheetPrimitive.Title>
          <SheetPrimitive.Description className="sr-only">{t('label')}</SheetPrimitive.Description>
          <SheetPrimitive.Close asChild>
            <Button variant="ghost" size="icon" className="absolute top-3 right-3 size-8" aria-label={t('closeMenu')}>
              <XIcon aria-hidden />
            </Button>
          </SheetPrimitive.Close>
          {children(() => setOpen(false))}
        </SheetPrimitive.Content>
      </SheetPrimitive.Portal>
    </SheetPrimitive.Root>
  );
}
