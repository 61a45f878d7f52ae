import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import gql from 'graphql-tag';

export const SUBGRAPHS = {
  identity: { defaultUrl: 'http://localhost:4001/graphql' },
  customer: { defaultUrl: 'http://localhost:4002/graphql' },
  document: { defaultUrl: 'http://localhost:4003/graphql' },
  notification: { defaultUrl: 'http://localhost:4004/graphql' },
} as const;

export type SubgraphName = keyof typeof SUBGRAPHS;

export const schemasDir = join(__dirname, '..');
export const supergraphPath = join(schemasDir, 'supergraph.graphql');

/** The SDL a subgraph serves, from schemas/<name>.graphql. */
export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return gql(readFileSync(join(schemasDir, `${name}.graphql`), 'utf8'));
}

/** Composes the supergraph from every subgraph SDL; throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(
    (Object.keys(SUBGRAPHS) as SubgraphName[]).map((name) => ({
      name,
      url: SUBGRAPHS[name].defaultUrl,
      typeDefs: subgraphTypeDefs(name),
    })),
  );
  if (result.errors) {
    throw new Error(
      `Supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`,
    );
  }
  return `${result.supergraphSdl.trim()}\n`;
}

export function readSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}
