// The scorecard's arithmetic, kept apart from SQL so it is read (and unit-tested) as plain formulas.
// Definitions (docs/scorecard.md): response rate = responses / reached customers; CSAT = % of answers 4-5;
// CES = average 1-7; NPS = % promoters (9-10) - % detractors (0-6) over the NPS answers; acknowledgement
// rate = acknowledged / reached; claim rate = claims / reached.

export const CSAT_SCALE = [1, 2, 3, 4, 5] as const;
export const CES_SCALE = [1, 2, 3, 4, 5, 6, 7] as const;
export const NPS_SCALE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** How many answers had exactly these scores (one SQL group). `nps` is null when the customer skipped it. */
export interface AnswerCell {
  group: string;
  csat: number;
  ces: number;
  nps: number | null;
  n: number;
}

/** Customers of a group: reached (src/common/reach-definition.ts), acknowledged, claimed offers (null: not counted). */
export interface GroupCounts {
  reached: number;
  acknowledged: number;
  claims: number | null;
}

export interface Figures {
  reached: number;
  responses: number;
  /** percent, one decimal; null when nobody was reached */
  responseRate: number | null;
  csat: { answers: number; satisfiedPercent: number | null; distribution: Record<string, number> };
  ces: { answers: number; average: number | null; distribution: Record<string, number> };
  nps: { answers: number; score: number | null; promoters: number; passives: number; detractors: number; distribution: Record<string, number> };
  acknowledged: number;
  acknowledgementRate: number | null;
  /** claimed remedy offers (null only where a caller does not count them) */
  claims: number | null;
  claimRate: number | null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
export const percent = (part: number, whole: number): number | null => (whole > 0 ? round1((part / whole) * 100) : null);

/** The figures of one group from its answer cells and its customer counts. */
export function figuresOf(cells: readonly AnswerCell[], counts: GroupCounts): Figures {
  const csat = Object.fromEntries(CSAT_SCALE.map((s) => [String(s), 0]));
  const ces = Object.fromEntries(CES_SCALE.map((s) => [String(s), 0]));
  const nps = Object.fromEntries(NPS_SCALE.map((s) => [String(s), 0]));
  let responses = 0;
  let cesSum = 0;
  let npsAnswers = 0;
  for (const c of cells) {
    responses += c.n;
    if (String(c.csat) in csat) csat[String(c.csat)] += c.n;
    if (String(c.ces) in ces) ces[String(c.ces)] += c.n;
    cesSum += c.ces * c.n;
    if (c.nps !== null && String(c.nps) in nps) {
      nps[String(c.nps)] += c.n;
      npsAnswers += c.n;
    }
  }
  const satisfied = csat['4'] + csat['5'];
  const promoters = nps['9'] + nps['10'];
  const detractors = NPS_SCALE.filter((s) => s <= 6).reduce<number>((sum, s) => sum + nps[String(s)], 0);
  const passives = npsAnswers - promoters - detractors;
  return {
    reached: counts.reached,
    responses,
    responseRate: percent(responses, counts.reached),
    csat: { answers: responses, satisfiedPercent: percent(satisfied, responses), distribution: csat },
    ces: { answers: responses, average: responses ? Math.round((cesSum / responses) * 100) / 100 : null, distribution: ces },
    nps: {
      answers: npsAnswers,
      // computed from the counts, not from two rounded percentages
      score: npsAnswers ? round1(((promoters - detractors) / npsAnswers) * 100) : null,
      promoters,
      passives,
      detractors,
      distribution: nps,
    },
    acknowledged: counts.acknowledged,
    acknowledgementRate: percent(counts.acknowledged, counts.reached),
    claims: counts.claims,
    claimRate: counts.claims === null ? null : percent(counts.claims, counts.reached),
  };
}

/** Groups of a breakdown, in a stable order (most reached first, then by name), each with its figures. */
export function breakdownOf(cells: readonly AnswerCell[], counts: ReadonlyMap<string, GroupCounts>, claimsCounted: boolean): Array<{ group: string } & Figures> {
  const groups = new Set<string>([...counts.keys(), ...cells.map((c) => c.group)]);
  const empty: GroupCounts = { reached: 0, acknowledged: 0, claims: claimsCounted ? 0 : null };
  return [...groups]
    .map((group) => ({ group, ...figuresOf(cells.filter((c) => c.group === group), counts.get(group) ?? empty) }))
    .sort((a, b) => b.reached - a.reached || b.responses - a.responses || a.group.localeCompare(b.group));
}
