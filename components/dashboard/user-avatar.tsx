import { Avatar, AvatarFallback, AvatarImage } from '@/components/ui/avatar';
import { cn } from '@/lib/utils/cn';
import { initials } from './initials';

/** A person's picture, or their initials on a tinted circle. */
export function UserAvatar({
  name,
  src,
  className,
}: {
  name: string;
  src?: string | null;
  className?: string;
}) {
  return (
    <Avatar className={cn('size-8', className)}>
      {src && <AvatarImage src={src} alt="" />}
      <AvatarFallback className="bg-primary/12 font-semibold text-primary dark:bg-primary/20">{initials(name)}</AvatarFallback>
    </Avatar>
  );
}
