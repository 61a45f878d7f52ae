import { loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const documentConfigSchema = z.object({ ...serviceEnv });
export const loadDocumentConfig = () => loadConfigOrExit(documentConfigSchema);
