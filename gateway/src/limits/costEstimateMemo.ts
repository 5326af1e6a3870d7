import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { DocumentMemo } from '../DocumentMemo.ts';
import { estimateCost, type CostEstimate } from './estimateCost.ts';

/** A variable the request does not give: its default applies (told apart from one given as null). */
const ABSENT = Symbol('absent');

function valueOf(variables: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  return variables && name in variables ? variables[name] : ABSENT;
}

/** A variable's value worth remembering with an estimate: absent, null or a number. */
const isKeepable = (value: unknown) => value === ABSENT || value === null || (typeof value === 'number' && Number.isFinite(value));

/** The estimate last made for an operation, with the values of the variables it read (`variablesRead`, in order). */
interface Estimated {
  estimate: CostEstimate;
  values: unknown[];
}

/**
 * {@link estimateCost} with these list sizes, remembered per operation (Apollo's parsed operation:
 * a node of one cached document, so it stands for its fragments too) and schema: the estimate
 * depends on the document and on the values of the variables given as a `first` only. The last
 * estimate of each operation is kept with those values and reused while a request gives the same
 * (`Object.is`); a request that gives others is estimated again, and that estimate kept instead.
 */
export function costEstimateMemo(
  listSizes: Readonly<Record<string, number>>,
): (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined) => CostEstimate {
  const memo = new DocumentMemo<OperationDefinitionNode, Estimated>();
  return (schema, document, operation, variables) => {
    const last = memo.get(schema, operation);
    if (last && last.estimate.variablesRead.every((name, i) => Object.is(valueOf(variables, name), last.values[i]))) return last.estimate;
    const estimate = estimateCost(schema, document, operation, variables, listSizes);
    const values = estimate.variablesRead.map((name) => valueOf(variables, name));
    // Only page sizes a request could mean are kept: any other value (a long string, an array) is
    // refused later, and kept here it would live as long as the document.
    if (values.every(isKeepable)) memo.set(schema, operation, { estimate, values });
    return estimate;
  };
}
