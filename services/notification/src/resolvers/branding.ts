import type { MutationResolvers, QueryResolvers } from '../generated/resolver-types';
import { principalScope, requireStaff } from '@portico/auth';
import { localeToApi } from '../branding';
import type { BrandingRecord } from '../model/branding';
import { readableOn } from '../rendering/readable-on';

const toApi = ({ _id, ...branding }: BrandingRecord) => ({
  ...branding,
  locale: localeToApi(branding.locale),
});

export const brandingQueryResolvers: QueryResolvers = {
  branding: async (_, __, { auth, store }) =>
    toApi(await store.brandings.of(principalScope(requireStaff(auth)))),

  async brandingPreview(_, { input }, { auth, store, previewBranding }) {
    const staff = requireStaff(auth, ['OWNER', 'ADMIN']);
    const branding = await store.brandings.withChanges(principalScope(staff), input);
    return previewBranding(staff.tenantId, branding);
  },

  /** Public: what its emails already show anyone they reach, no more. */
  async portalBrand(_, { organizationId }, { store }) {
    const { name, colour, logo } = await store.brandings.publicOf(organizationId);
    return { name, colour, onColour: readableOn(colour), logo };
  },
};

export const brandingMutationResolvers: MutationResolvers = {
  async updateBranding(_, { input }, { auth, store }) {
    const staff = requireStaff(auth, ['OWNER', 'ADMIN']);
    return toApi(await store.brandings.update(principalScope(staff), input));
  },
};
