import { requireStaff } from '@portico/auth';
import type { BrandingInput } from '../branding';
import { localeToApi } from '../branding';
import type { NotificationContext } from '../context';
import type { BrandingRecord } from '../model/branding';
import { readableOn } from '../rendering/readable-on';

const toApi = ({ _id, ...branding }: BrandingRecord) => ({
  ...branding,
  locale: localeToApi(branding.locale),
});

export const brandingQueryResolvers = {
  branding: async (_: unknown, __: unknown, { auth, store }: NotificationContext) =>
    toApi(await store.brandings.of(requireStaff(auth).tenantId)),

  async brandingPreview(
    _: unknown,
    { input }: { input: BrandingInput },
    { auth, store, previewBranding }: NotificationContext,
  ) {
    const { tenantId } = requireStaff(auth, ['OWNER', 'ADMIN']);
    return previewBranding(tenantId, await store.brandings.withChanges(tenantId, input));
  },

  /** Public: what its emails already show anyone they reach, no more. */
  async portalBrand(
    _: unknown,
    { organizationId }: { organizationId: string },
    { store }: NotificationContext,
  ) {
    const { name, colour, logo } = await store.brandings.of(organizationId);
    return { name, colour, onColour: readableOn(colour), logo };
  },
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
