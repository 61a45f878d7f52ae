import type { AccessLevelResolvers } from '../generated/resolver-types';

export const accessLevelResolvers: AccessLevelResolvers = {
  id: (level) => level._id,
};
