'use client';
// Pick a picture, preview it, upload it; the server checks the real type and size again.
import { useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { UploadIcon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/sonner';
import { FormAlert } from '@/components/forms/form-alert';
import { serverErrorOf, useErrorText } from '@/components/forms/errors';
import { UserAvatar } from '@/components/dashboard/user-avatar';
import { uploadAvatarAction } from '@/app/(dashboard)/w/[slug]/profile/actions';

export function AvatarUpload({
  name,
  avatarUrl,
  maxBytes,
  types,
}: {
  name: string;
  avatarUrl: string | null;
  maxBytes: number;
  /** Accepted MIME types and their short names, e.g. { 'image/png': 'PNG' }. */
  types: Record<string, string>;
}) {
  const t = useTranslations('profile.avatar');
  const format = useFormatter();
  const errorText = useErrorText();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const limit = format.number(maxBytes / 1024 / 1024, { maximumFractionDigits: 1 });
  const typeNames = [...new Set(Object.values(types))].join(', ');

  const pick = (f: File | undefined) => {
    setError(undefined);
    if (!f) return;
    if (!types[f.type]) setError(t('wrongType', { types: typeNames }));
    else if (f.size > maxBytes) setError(t('tooLarge', { limit }));
    setFile(f);
    setPreview(URL.createObjectURL(f));
  };

  const clear = () => {
    setFile(undefined);
    setPreview(undefined);
    setError(undefined);
    if (input.current) input.current.value = '';
  };

  const upload = () =>
    startTransition(async () => {
      if (!file) return;
      const form = new FormData();
      form.set('avatar', file);
      const result = await uploadAvatarAction(form);
      const err = serverErrorOf(result);
      if (err || !result?.data) {
        if (err?.code === 'payload_too_large') setError(t('tooLarge', { limit }));
        else if (err?.code === 'unsupported_media_type') setError(t('wrongType', { types: typeNames }));
        else setError(errorText(err));
        return;
      }
      clear();
      toast.success(t('saved'));
      router.refresh();
    });

  return (
    <div className="grid gap-4" data-testid="avatar-upload">
      <div className="flex flex-col gap-5 sm:flex-row sm:items-center">
        <UserAvatar name={name} src={preview ?? avatarUrl} className="size-20 text-xl ring-4 ring-background shadow-sm" />
        <div className="grid gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <input
              ref={input}
              type="file"
              accept={Object.keys(types).join(',')}
              className="sr-only"
              id="avatar-file"
              data-testid="avatar-input"
              onChange={(e) => pick(e.target.files?.[0])}
            />
            {file ? (
              <>
                <Button type="button" onClick={upload} disabled={pending || !!error} data-testid="avatar-save">
                  {pending ? <Spinner label="" aria-hidden /> : <UploadIcon aria-hidden />}
                  {t('save')}
                </Button>
                <Button type="button" variant="ghost" onClick={clear} disabled={pending}>
                  {t('cancel')}
                </Button>
              </>
            ) : (
              <Button type="button" variant="outline" onClick={() => input.current?.click()} data-testid="avatar-choose">
                <UploadIcon aria-hidden />
                {avatarUrl ? t('change') : t('choose')}
              </Button>
            )}
          </div>
          <p className="text-sm text-muted-foreground">{t('hint', { types: typeNames, limit })}</p>
        </div>
      </div>
      <FormAlert testId="avatar-error">{error}</FormAlert>
    </div>
  );
}
