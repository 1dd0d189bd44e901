'use client';
// What to paste into Meta's dashboard (WhatsApp → Configuration → Webhook): callback URL and verify token.
import { useTranslations } from 'next-intl';
import { CopyField } from './copy-field';
import type { Integration } from './types';

export function WhatsappWebhookInfo({ integration }: { integration: Integration }) {
  const t = useTranslations('integrations.whatsapp');
  const verify = typeof integration.config.verify_token === 'string' ? integration.config.verify_token : null;
  return (
    <div className="grid min-w-0 gap-3" data-testid="whatsapp-webhook-info">
      <p className="text-sm text-muted-foreground">{t('metaHint')}</p>
      {integration.webhook_url && <CopyField label={t('webhookUrl')} value={integration.webhook_url} testId="whatsapp-webhook-url" />}
      {verify && <CopyField label={t('verifyToken')} value={verify} testId="whatsapp-verify-token-value" />}
    </div>
  );
}
