import type { CodegenConfig } from '@graphql-codegen/cli';

// Every operation in src/ is checked against the supergraph: one it cannot answer fails the build.
const config: CodegenConfig = {
  schema: '../schemas/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, skipTypename: true },
    },
  },
};

export default config;
