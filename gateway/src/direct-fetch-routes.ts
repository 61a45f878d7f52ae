import { operationFromDocument, type Operation, type Schema } from '@apollo/federation-internals';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { parse, type DocumentNode } from 'graphql';

/** An operation the gateway can forward to one subgraph as it is, and answer with its answer. */
export interface DirectFetchRoute {
  serviceName: string;
  /** The query planner's operation for that subgraph. */
  operation: string;
  operationName: string | undefined;
  /** The variables the subgraph's operation declares; only these are sent on. */
  variableNames: readonly string[];
}

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

// Distinct operations remembered; a client sends a few dozen, a bounded map keeps odd ones out.
const MAX_ROUTES = 2_000;

/**
 * Which operations need nothing of the gateway but one subgraph call: their
 * query plan is a single fetch, and the operation it sends selects exactly
 * what the client asked for (same fields, aliases, arguments, directives and
 * variables, once fragments are expanded). The subgraph's answer is then the
 * client's answer: parsing it, shaping it again and writing it out anew
 * (about a third of the gateway's CPU per request) can be skipped.
 *
 * Routes are learned from plans Apollo's gateway made (after validation and
 * the query limits passed for that text), so an operation the gateway has
 * never planned always takes the full path first. Plans with more than one
 * fetch, entity fetches, @defer, or any difference in the selection are never
 * routes; neither (remembered as such) are failures to compare.
 */
export class DirectFetchRoutes {
  private readonly routes = new Map<string, DirectFetchRoute | null>();

  constructor(private readonly apiSchema: Schema) {}

  /** The route for this operation text, if the gateway learned one. */
  find(query: string, operationName: string | undefined): DirectFetchRoute | undefined {
    return this.routes.get(routeKey(query, operationName)) ?? undefined;
  }

  /** Remembers whether the operation just planned can go straight to its subgraph. */
  learn(
    query: string,
    document: DocumentNode,
    operationName: string | undefined,
    plan: QueryPlan,
  ): void {
    const key = routeKey(query, operationName);
    if (this.routes.has(key)) return;
    let route: DirectFetchRoute | null = null;
    try {
      route = this.routeOf(document, operationName, plan);
    } catch {
      route = null; // the subgraph operation does not read against the API schema: not a route
    }
    if (this.routes.size >= MAX_ROUTES) this.routes.delete(this.routes.keys().next().value!);
    this.routes.set(key, route);
  }

  private routeOf(
    document: DocumentNode,
    operationName: string | undefined,
    plan: QueryPlan,
  ): DirectFetchRoute | null {
    const fetch = plan.node;
    if (fetch?.kind !== 'Fetch' || fetch.requires || fetch.inputRewrites?.length) return null;
    if (fetch.outputRewrites?.length || fetch.contextRewrites?.length) return null;
    const asked = operationFromDocument(this.apiSchema, document, { operationName });
    const sent = operationFromDocument(this.apiSchema, parse(fetch.operation));
    if (asked.appliedDirectives.length > 0 || asked.rootKind !== sent.rootKind) return null;
    if (selection(asked) !== selection(sent)) return null;
    const askedVariables = new Map(
      asked.variableDefinitions.definitions().map((v) => [v.variable.name, v.toString()]),
    );
    const sentVariables = sent.variableDefinitions.definitions();
    // The same variables, or the gateway would have checked values the subgraph never sees.
    if (sentVariables.length !== askedVariables.size) return null;
    if (sentVariables.some((v) => askedVariables.get(v.variable.name) !== v.toString()))
      return null;
    return {
      serviceName: fetch.serviceName,
      operation: fetch.operation,
      operationName: fetch.operationName,
      variableNames: sentVariables.map((v) => v.variable.name),
    };
  }
}

function routeKey(query: string, operationName: string | undefined): string {
  return `${operationName ?? ''}\n${query}`;
}

/** The selection with fragments expanded and merged: equal texts answer with equal data. */
function selection(operation: Operation): string {
  return operation.expandAllFragments().normalize().selectionSet.toString();
}
