import { storedScope } from '@portico/auth';
import { found } from '@portico/errors';
import type { PortalSettingsResolvers } from '../generated/resolver-types';

export const portalSettingsResolvers: PortalSettingsResolvers = {
  defaultAccessLevel: (settings, _, { store }) =>
    found(
      store.findAccessLevel(storedScope({ tenantId: settings._id }), settings.defaultAccessLevelId),
      'Access level',
    ),
};
