import { Injectable } from '@nestjs/common';
import { Incident, IncidentStep } from '@prisma/client';
import { Clock } from '../../common/time/clock';
import { ClockRepository, PopulationByState } from './clock.repository';
import { ClockIncident, ClockStep, ClockView, computeClocks, metClocks, OrganisationProfile } from './regulatory-clocks';

export type ClockedIncident = Incident & { steps: IncidentStep[] };

export interface ClockInputs {
  incident: ClockIncident;
  steps: ClockStep[];
  submissions: Awaited<ReturnType<ClockRepository['submissions']>>;
  population: PopulationByState | null;
}

/** The incident as the clocks see it, read from the database: one place, so the API, the report and the re-planner agree. */
@Injectable()
export class ClockStateService {
  /** per incident: the population per State at a given affected count (recounted only when the count moves) */
  private readonly populations = new Map<string, { affected: number; population: PopulationByState }>();

  constructor(
    private readonly repo: ClockRepository,
    private readonly clock: Clock,
  ) {}

  async inputs(i: ClockedIncident): Promise<ClockInputs> {
    const regulatorSteps = i.steps.filter((s) => s.audience === 'regulator').map((s) => s.id);
    const [affected, evidence, reach, submissions] = await Promise.all([
      this.repo.affectedCount(i.id),
      this.repo.recipientEvidence(regulatorSteps),
      this.repo.stepReach(i.id),
      this.repo.submissions(i.id),
    ]);
    // only HIPAA counts by State: other incidents never pay for the grouped scan
    const population = i.type === 'phi_breach' ? await this.population(i.id, affected) : null;
    return {
      incident: {
        type: i.type,
        jurisdictions: i.jurisdictions,
        awareAt: i.awareAt,
        materialityAt: i.materialityAt,
        determinedAt: i.determinedAt,
        extortionPaidAt: i.extortionPaidAt,
        affectedCount: affected,
        byState: population?.byState,
        profile: (i.organisationProfile as OrganisationProfile | null) ?? null,
      },
      steps: i.steps.map((s) => {
        const r = reach.get(s.id);
        return {
          stepKey: s.stepKey,
          meets: (s.definition as { meets?: string[] }).meets ?? [],
          audience: s.audience,
          completedAt: s.completedAt,
          reachedNobody: !!r && r.total > 0 && r.reached === 0,
          ...(s.audience === 'regulator' ? { recipients: evidence.get(s.id) ?? [] } : {}),
        };
      }),
      submissions,
      population,
    };
  }

  async clocksFor(i: ClockedIncident): Promise<ClockView[]> {
    const x = await this.inputs(i);
    return computeClocks(x.incident, x.steps, this.clock.now(), x.submissions);
  }

  /** When each clock was met so far (what starts a clock that runs from another one's submission). */
  metDates(x: ClockInputs): Map<string, Date> {
    return new Map([...metClocks(x.steps, x.submissions)].map(([k, v]) => [k, v.at]));
  }

  private async population(incidentId: string, affected: number): Promise<PopulationByState> {
    const cached = this.populations.get(incidentId);
    if (cached && cached.affected === affected) return cached.population;
    const population = await this.repo.populationByState(incidentId);
    if (this.populations.size > 1000) this.populations.clear();
    this.populations.set(incidentId, { affected, population });
    return population;
  }
}
