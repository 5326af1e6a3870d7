import type { FiguresAnswer, SideFigures } from './answers.ts';
import type { WithFiguresByName } from './figureValues.ts';
import type { DashboardSideFiguresQuery } from './operations.generated.ts';
import { outagesOf, JOINT_SUBGRAPH } from './outages.ts';
import type { GraphQLError } from './sendOperation.ts';

// When the joint office's subgraph is down, DashboardFigures loses its `jurisdictions` (the joint
// office serves that root field) though each side's store could answer: the page then reads the
// sides through their own root fields (`sichuan { … }`, `chongqing { … }`), DashboardSideFigures.

/** `DashboardSideFigures`'s answer: each side asked for under its own root field, named by its key. */
export type SideFiguresAnswer = WithFiguresByName<DashboardSideFiguresQuery>;

/**
 * Whether a DashboardFigures answer lost its sides to the joint office: no `jurisdictions`, and the
 * errors say the joint office could not answer. The sides are then read from their own stores.
 */
export function sidesLostWithJointOffice(answer: FiguresAnswer | null, errors: readonly GraphQLError[]): boolean {
  return !answer?.jurisdictions && outagesOf(errors).some((outage) => outage.subgraph === JOINT_SUBGRAPH);
}

/**
 * The sides DashboardSideFigures can ask for, in its order: its Boolean variables, one per side,
 * named by the side's key (`$sichuan: Boolean!`), as its header says. The document is the one place
 * that lists the sides' root fields, so a member added to federation.json is added there alone.
 */
export function sideKeysOf(document: string): string[] {
  const definition = /\bquery\s+\w+\s*\(([^)]*)\)/.exec(document)?.[1] ?? '';
  return [...definition.matchAll(/\$([A-Za-z_]\w*)\s*:\s*Boolean!/g)].map((match) => match[1]!);
}

/** Its variables: every side for the joint view (`side` null), else the one chosen. */
export function sideFiguresVariables(document: string, period: unknown, side: string | null): Record<string, unknown> {
  return { period, ...Object.fromEntries(sideKeysOf(document).map((key) => [key, !side || side === key])) };
}

/**
 * DashboardFigures's answer with the sides from their own stores: `jurisdictions` in the
 * document's order (a side asked for that did not answer is a null item, named by its outage), the
 * joint office's parts (the overview, its targets) still missing, so the joint total reads 暂缺.
 */
export function withSidesAnswered(answer: FiguresAnswer | null, document: string, side: string | null, sides: SideFiguresAnswer | null): FiguresAnswer {
  const asked = sideKeysOf(document).filter((key) => !side || side === key);
  const byKey = (sides ?? {}) as Readonly<Record<string, SideFigures | null | undefined>>;
  return { ...answer, overview: answer?.overview ?? null, figureTargets: answer?.figureTargets ?? null, jurisdictions: asked.map((key) => byKey[key] ?? null) } as FiguresAnswer;
}
