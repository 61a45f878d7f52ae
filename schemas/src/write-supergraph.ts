/** Composes schemas/*.graphql and writes schemas/supergraph.graphql (checked in). */
import { writeFileSync } from 'node:fs';
import { composeSupergraph, supergraphPath } from './index';

writeFileSync(supergraphPath, composeSupergraph());
console.log(`wrote ${supergraphPath}`);
