import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { readSupergraph } from '@portico/schemas';

/** One Query or Mutation field of the supergraph, as an operation that calls it and nothing else. */
export interface RootFieldOperation {
  /** `Query.documents`, `Mutation.createCustomer`, ... */
  name: string;
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The API schema clients see (no federation internals). */
export function apiSchema(): GraphQLSchema {
  return Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();
}

/**
 * Every root field of the API schema, each with a well-formed value for every required
 * argument: enough for the request to reach the field's resolver, which is where access is
 * decided. New fields are in the list the moment they are in the supergraph.
 */
export function rootFieldOperations(schema: GraphQLSchema = apiSchema()): RootFieldOperation[] {
  const operations: RootFieldOperation[] = [];
  for (const [keyword, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      operations.push({
        name: `${type.name}.${field.name}`,
        field: field.name,
        ...operationFor(keyword, field),
      });
    }
  }
  return operations;
}

function operationFor(keyword: string, field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`);
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query =
    `${keyword}${declarations.length ? `(${declarations.join(', ')})` : ''} ` +
    `{ ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sampleOf(arg.type)]));
  return { query, variables };
}

/** A value of the type that GraphQL accepts (its meaning is left to the resolver to judge). */
function sampleOf(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleOf(field.type)]),
    );
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    default:
      return 'x';
  }
}
