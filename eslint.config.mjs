// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Mongoose model methods; outside a store their calls bypass the tenant scope the store applies.
const MODEL_METHODS =
  '/^(find|findOne|findById|findOneAndUpdate|findOneAndDelete|exists|create|insertMany|updateOne|updateMany|replaceOne|deleteOne|deleteMany|countDocuments|distinct|aggregate|bulkWrite)$/';

// Only packages/auth's tenant-scope.ts makes scopes; a cast elsewhere would forge one.
const SCOPE_CAST = {
  selector:
    'TSAsExpression > TSTypeReference.typeAnnotation[typeName.name=/^(TenantScope|CustomerScope|ScopedFilter)$/]',
  message: 'Make a scope with principalScope, contactScope, eventScope or storedScope.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      'coverage/**',
      'web/src/gql/**',
      'services/*/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { module: 'readonly', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': [
        'error',
        // The Kafka client is swappable: only packages/kafka may import it.
        { paths: [{ name: 'kafkajs', message: 'Use @portico/kafka instead.' }] },
      ],
    },
  },
  {
    // Rules that need types: promises nobody awaits, handlers that return them, awaits of
    // non-promises, switches that miss a case of a union.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // React Aria's onSubmit/onPress take async handlers; ours report failures via useSubmission.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/auth/src/tenant-scope.ts'],
    rules: { 'no-restricted-syntax': ['error', SCOPE_CAST] },
  },
  {
    // Reads and writes go through a service's store (or a repository under it), which scopes
    // them to the tenant: no model calls, and no models handed to the outbox's write helpers.
    files: ['services/*/src/**/*.ts'],
    ignores: ['services/*/src/store.ts', 'services/*/src/**/*-repository.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        SCOPE_CAST,
        {
          selector: `CallExpression[callee.property.name=${MODEL_METHODS}][callee.object.object.name='store']`,
          message: 'Call a method of the store instead of one of its models.',
        },
        {
          selector: `CallExpression[callee.property.name=${MODEL_METHODS}][callee.object.object.property.name='store']`,
          message: 'Call a method of the store instead of one of its models.',
        },
        {
          selector: `CallExpression[callee.name=/^(lockDocument|updateLocked)$/] > MemberExpression.arguments[object.name='store']`,
          message: 'Call a method of the store instead of handing out one of its models.',
        },
        {
          selector: `CallExpression[callee.name=/^(lockDocument|updateLocked)$/] > MemberExpression.arguments[object.property.name='store']`,
          message: 'Call a method of the store instead of handing out one of its models.',
        },
      ],
    },
  },
  {
    files: ['packages/kafka/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
