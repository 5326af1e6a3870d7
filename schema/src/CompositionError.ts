/** One reason composition failed, as reported by `@apollo/composition`. */
export interface CompositionProblem {
  readonly code: string;
  readonly message: string;
}

/** Thrown when the subgraphs do not compose; the message lists every problem. */
export class CompositionError extends Error {
  readonly problems: readonly CompositionProblem[];

  constructor(problems: readonly CompositionProblem[]) {
    const lines = problems.map((problem) => `  - [${problem.code}] ${problem.message}`);
    super(`Supergraph composition failed with ${problems.length} error(s):\n${lines.join('\n')}`);
    this.name = 'CompositionError';
    this.problems = problems;
  }
}
