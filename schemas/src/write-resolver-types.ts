/** Writes each subgraph's resolver types to services/<name>/src/generated/ (checked in). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SUBGRAPHS, type SubgraphName } from './index';
import { generateResolverTypes, resolverTypesPath } from './resolver-types';

async function main() {
  for (const name of Object.keys(SUBGRAPHS) as SubgraphName[]) {
    const path = resolverTypesPath(name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await generateResolverTypes(name));
    console.log(`wrote ${path}`);
  }
}

void main();
