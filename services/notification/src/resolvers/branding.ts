import { requireStaff } from '@portico/auth';
import type { BrandingInput } from '../branding';
import { localeToApi } from '../branding';
import type { NotificationContext } from '../context';
import type { BrandingRecord } from '../model/branding';

const toApi = ({ _id, ...branding }: BrandingRecord) => ({
  ...branding,
  locale: localeToApi(branding.locale),
});

export const brandingQueryResolvers = {
  branding: async (_: unknown, __: unknown, { auth, store }: NotificationContext) =>
    toApi(await store.brandings.of(requireStaff(auth).tenantId)),
};

export const brandingMutationResolvers = {
  async updateBranding(
    _: unknown,
    { input }: { input: BrandingInput },
    { auth, store }: NotificationContext,
  ) {
    const { tenantId } = requireStaff(auth, ['OWNER', 'ADMIN']);
    return toApi(await store.brandings.update(tenantId, input));
  },
};
