import type { SubgraphContext } from '@portico/subgraph';
import type { BrandingPreview } from './branding-preview';
import type { EmailResend } from './email-resend';
import type { Webhooks } from './partners/webhooks';
import type { NotificationStore } from './store';

export interface NotificationContext extends SubgraphContext {
  store: NotificationStore;
  resend: EmailResend;
  webhooks: Webhooks;
  previewBranding: BrandingPreview;
}
