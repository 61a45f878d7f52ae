import { loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const customerConfigSchema = z.object({ ...serviceEnv });
export const loadCustomerConfig = () => loadConfigOrExit(customerConfigSchema);
