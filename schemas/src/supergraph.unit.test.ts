import { composeSupergraph, readSupergraph } from './index';

describe('supergraph', () => {
  it('composes from the subgraph SDLs and matches the checked-in file (run `pnpm supergraph` after an SDL change)', () => {
    expect(composeSupergraph()).toBe(readSupergraph());
  });

  it('joins Document.customer to the customer subgraph through the Customer entity', () => {
    const supergraph = readSupergraph();
    expect(supergraph).toMatch(/type Customer[\s\S]*@join__type\(graph: CUSTOMER, key: "id"\)/);
    expect(supergraph).toMatch(/type Document[\s\S]*@join__type\(graph: DOCUMENT, key: "id"\)/);
  });
});
