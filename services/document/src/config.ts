import { fileLinkEnv, loadConfigOrExit, serviceEnv, z } from '@portico/config';

export const documentConfigSchema = z.object({ ...serviceEnv, ...fileLinkEnv });
export type DocumentConfig = z.infer<typeof documentConfigSchema>;
export const loadDocumentConfig = () => loadConfigOrExit(documentConfigSchema);
