import type { MutationResolvers, QueryResolvers } from '../generated/resolver-types';
import { requireStaff } from '@portico/auth';
import { localeToApi } from '../branding';
import type { BrandingRecord } from '../model/branding';
import { readableOn } from '../rendering/readable-on';

const toApi = ({ _id, ...branding }: BrandingRecord) => ({
  ...branding,
  locale: localeToApi(branding.locale),
});

export const brandingQueryResolvers: QueryResolvers = {
  branding: async (_, __, { auth, store }) =>
    toApi(await store.brandings.of(requireStaff(auth).tenantId)),

  async brandingPreview(_, { input }, { auth, store, previewBranding }) {
    const { tenantId } = requireStaff(auth, ['OWNER', 'ADMIN']);
    return previewBranding(tenantId, await store.brandings.withChanges(tenantId, input));
  },

  /** Public: what its emails already show anyone they reach, no more. */
  async portalBrand(_, { organizationId }, { store }) {
    const { name, colour, logo } = await store.brandings.of(organizationId);
    return { name, colour, onColour: readableOn(colour), logo };
  },
};

export const brandingMutationResolvers: MutationResolvers = {
  async updateBranding(_, { input }, { auth, store }) {
    const { tenantId } = requireStaff(auth, ['OWNER', 'ADMIN']);
    return toApi(await store.brandings.update(tenantId, input));
  },
};
