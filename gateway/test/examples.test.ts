import {
  getVariableValues,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaOf, composeSupergraph } from '@linju/schema';
import { loadExamples, type ExampleQuery } from '../src/loadExamples.ts';

// Validated against a fresh composition, not the committed file, so an example that only
// works against a stale supergraph fails here.
let apiSchema: GraphQLSchema;
const examples: ExampleQuery[] = await loadExamples();

beforeAll(async () => {
  const { supergraphSdl } = await composeSupergraph();
  apiSchema = apiSchemaOf(supergraphSdl);
});

describe('the explorer\'s examples', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((example) => [example.name, example] as const))('%s is valid against the API schema', (_name, example) => {
    const document = parse(example.query);
    expect(validate(apiSchema, document).map((error) => error.message)).toEqual([]);

    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    // One named operation per file: GraphiQL titles the tab with its name.
    expect(operations).toHaveLength(1);
    expect(operations[0]?.name?.value).toBeTruthy();

    const variables: unknown = example.variables === undefined ? {} : JSON.parse(example.variables);
    const coerced = getVariableValues(apiSchema, operations[0]?.variableDefinitions ?? [], variables as Record<string, unknown>);
    expect(coerced.errors?.map((error) => error.message) ?? []).toEqual([]);
  });
});
