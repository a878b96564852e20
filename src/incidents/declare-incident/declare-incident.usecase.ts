import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.module';
import { PopulationRepository } from '../population/population.repository';
import { Prisma } from '@prisma/client';
import { AudienceRepository } from '../../audiences/audience.repository';
import { AuditRepository } from '../../audit/audit.repository';
import { Actor } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { DispatchQueue } from '../../queue/dispatch-queue.service';
import { RunbookDefinition, RunbookStep } from '../../runbooks/runbook-definition';
import { RunbookRepository } from '../../runbooks/runbook.repository';
import { MissingFact, TemplatePinning } from '../../templates/template-pinning.service';
import { ClockRepository } from '../clocks/clock.repository';
import { missingLateFacts } from '../clocks/late-facts';
import { ClockView, computeClocks } from '../clocks/regulatory-clocks';
import { EmptyAudienceError, IncidentRepository, IncidentWithSchedule, UnknownCustomersError } from '../incident.repository';
import { DeclareIncidentCommand } from './declare-incident.command';
import { PlannedStep, planStep } from './plan-step';
import { OffersService } from '../../offers/offers.service';

export interface DeclarePreview {
  runbook: { key: string; version: number; name: string };
  declaredAt: Date;
  steps: (PlannedStep & { step: RunbookStep })[];
  clocks: ClockView[];
  missing: MissingFact[];
  affected: { count: number; unknown: string[]; unknownCount: number };
}

export interface DeclareResult {
  incident: IncidentWithSchedule;
  replayed: boolean;
  /** customers in the affected population (not given on a replay) */
  affected?: number;
}

/**
 * Declares an incident: pins the runbook's latest published version, stores the incident, its affected
 * population and its schedule in one transaction, then asks the queue to fire each step when due.
 * Idempotent: a retry with the same Idempotency-Key (and body) returns the first incident.
 */
@Injectable()
export class DeclareIncidentUseCase {
  private readonly logger = new Logger(DeclareIncidentUseCase.name);

  constructor(
    private readonly incidents: IncidentRepository,
    private readonly runbooks: RunbookRepository,
    private readonly audit: AuditRepository,
    private readonly queue: DispatchQueue,
    private readonly clock: Clock,
    private readonly pinning: TemplatePinning,
    private readonly audiences: AudienceRepository,
    private readonly clockData: ClockRepository,
    private readonly offers: OffersService,
    private readonly population: PopulationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: DeclareIncidentCommand, actor: Actor): Promise<DeclareResult> {
    if (cmd.idempotencyKey) {
      const existing = await this.incidents.findByIdempotencyKey(cmd.idempotencyKey);
      if (existing) return this.replayed(existing, cmd);
    }

    const declaredAt = this.clock.now();
    const { version, definition, plans, pins, missing, planFor } = await this.plan(cmd, declaredAt);
    if (missing.length) {
      throw new AppException(
        ErrorCode.MissingFacts,
        `The runbook's templates need facts the incident does not give: ${missing.map((m) => m.fact).join(', ')}; nothing was declared`,
        missing,
      );
    }

    const offerOf = await this.stepOffers(cmd, definition, plans);
    const affectedBy = 'filter' in cmd.input.affected ? { filter: cmd.input.affected.filter } : { externalIds: cmd.input.affected.externalIds };
    let incident: IncidentWithSchedule;
    let affected: number;
    try {
      ({ incident, affected } = await this.incidents.create(
        {
          data: {
            title: cmd.input.title,
            type: cmd.input.type,
            severity: cmd.input.severity,
            awareAt: cmd.awareAt,
            declaredAt,
            materialityAt: cmd.materialityAt,
            determinedAt: cmd.determinedAt,
            // which laws apply is decided by the profile as it stood when the incident was declared
            organisationProfile: planFor.profile ? (planFor.profile as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
            jurisdictions: cmd.input.jurisdictions,
            facts: cmd.input.facts as Prisma.InputJsonValue,
            runbookVersionId: version.id,
            declaredBy: actor.id,
            idempotencyKey: cmd.idempotencyKey,
            requestHash: cmd.requestHash,
            affectedFilter: affectedBy.filter as Prisma.InputJsonValue | undefined,
            offerId: cmd.input.offer ? offerOf.incident?.id : undefined,
          },
          ...affectedBy,
          // an offer's code pool is checked against the rows inside the transaction: then the whole population goes in there
          firstPage: offerOf.all.some((o) => !o.sharedCodeEnc) ? ALL_ROWS : 2 * this.config.FANOUT_PAGE_SIZE,
          steps: definition.steps.map((s) => ({
            stepKey: s.id,
            channel: s.channel,
            templateKey: s.template,
            audience: s.audience,
            templateVersions: pins.get(s.id) ?? {},
            definition: s as unknown as Prisma.InputJsonValue,
            offerId: offerOf.steps.get(s.id)?.id ?? null,
            ...plans.get(s.id)!,
          })),
        },
        async (tx, incidentId, count) => {
          // a pool too small for the population is refused here, with the numbers, and nothing is declared
          await this.offers.assertPoolsCover(tx, incidentId, offerOf.all);
          await this.audit.record(
            {
              actorId: actor.id,
              actorName: actor.name,
              action: 'incident.declared',
              entityType: 'incident',
              entityId: incidentId,
              incidentId,
              data: { runbook: cmd.input.runbook, runbookVersion: version.version, affected: count, ...(affectedBy.filter ? { filter: affectedBy.filter } : {}), ...(offerOf.all.length ? { offers: offerOf.all.map((o) => o.key) } : {}), after: 'declared' } as Prisma.InputJsonValue,
            },
            tx,
          );
        },
      ));
    } catch (e) {
      if (e instanceof EmptyAudienceError) {
        throw new AppException(ErrorCode.ValidationFailed, 'The affected filter matches no customer; nothing was declared', [{ path: 'affected.filter', message: e.message }]);
      }
      if (e instanceof UnknownCustomersError) {
        throw new AppException(ErrorCode.UnknownCustomers, `${e.total} affected externalId(s) are not known customers; nothing was declared`, {
          unknownCount: e.total,
          unknown: e.unknown,
        });
      }
      // a concurrent declare with the same key won the race: answer as a replay of its incident
      if (cmd.idempotencyKey && isUniqueViolation(e)) {
        const winner = await this.incidents.findByIdempotencyKey(cmd.idempotencyKey);
        if (winner) return this.replayed(winner, cmd);
      }
      throw e;
    }

    // Postgres already holds the schedule; if Redis is down now, the worker's reconciler fires the steps.
    for (const step of incident.steps) {
      if (!step.dueAt || step.state !== 'scheduled') continue;
      await this.queue.scheduleFanout(step.id, step.dueAt, this.clock.now()).catch((err: Error) =>
        this.logger.warn(`step ${step.id} not queued now (${err.message}); the reconciler will pick it up`),
      );
    }
    // the rest of a large population, while the first steps already send: the declare answers once all of
    // it is in (if this process stops first, a fan-out that catches up or the reconciler finishes it)
    await this.population.complete(incident.id, this.config.POPULATION_PAGE_SIZE);
    return { incident, replayed: false, affected };
  }

  /**
   * What declaring now would do, computed exactly as execute() does, without writing anything: the pinned
   * runbook version, each step's due time and state, the clocks, the facts still missing and how many
   * customers the population holds (for the console's declare wizard).
   */
  async preview(cmd: DeclareIncidentCommand): Promise<DeclarePreview> {
    const declaredAt = this.clock.now();
    const { version, definition, plans, planFor, missing } = await this.plan(cmd, declaredAt);
    const population = cmd.input.affected;
    const affected =
      'filter' in population
        ? { count: await this.audiences.count(population.filter), unknown: [], unknownCount: 0 }
        : await this.incidents.knownCustomers(population.externalIds);
    const clocks = computeClocks(
      { ...planFor, affectedCount: affected.count },
      definition.steps.map((s) => ({ stepKey: s.id, meets: s.meets, completedAt: null })),
      declaredAt,
    );
    return {
      runbook: { key: cmd.input.runbook, version: version.version, name: definition.name },
      declaredAt,
      steps: definition.steps.map((s) => ({ step: s, ...plans.get(s.id)! })),
      clocks,
      missing,
      affected,
    };
  }

  /** The pinned runbook version, each step's plan, the template versions to freeze and the facts they lack. */
  private async plan(cmd: DeclareIncidentCommand, declaredAt: Date) {
    const version = await this.runbooks.latestPublished(cmd.input.runbook);
    if (!version) {
      throw new AppException(ErrorCode.RunbookNotPublished, `Runbook '${cmd.input.runbook}' does not exist or has no published version`);
    }
    const definition = version.definition as unknown as RunbookDefinition;
    // the population as the clocks count it: in total (HIPAA's HHS threshold) and per State (its media rule),
    // for a filter too, so a step timed against a HIPAA clock is planned from the real figures
    const [profile, population] = await Promise.all([this.clockData.profile(), cmd.input.type === 'phi_breach' ? this.clockData.candidatesByState(cmd.input.affected) : null]);
    const planFor = {
      type: cmd.input.type,
      severity: cmd.input.severity,
      jurisdictions: cmd.input.jurisdictions,
      awareAt: cmd.awareAt,
      declaredAt,
      confirmedAt: null,
      materialityAt: cmd.materialityAt,
      determinedAt: cmd.determinedAt,
      affectedCount: population?.total ?? ('externalIds' in cmd.input.affected ? cmd.input.affected.externalIds.length : 0),
      byState: population?.byState,
      profile,
    };
    const plans = new Map(definition.steps.map((s) => [s.id, planStep(s, planFor)]));
    // only the steps that can run need their facts: a GDPR step skipped for a US-only incident asks for nothing
    const { pins, missing } = await this.pinning.pin(
      definition.steps.filter((s) => plans.get(s.id)!.state !== 'skipped').map((s) => ({ stepKey: s.id, templateKey: s.template, channel: s.channel })),
      cmd.input.facts,
    );
    // a notice due after its deadline needs what the law asks of a late one (GDPR art. 33(1): the reasons for the delay)
    for (const s of definition.steps) {
      const p = plans.get(s.id)!;
      if (p.state === 'skipped' || !p.dueAt) continue;
      for (const late of missingLateFacts(s.meets, planFor, p.dueAt, cmd.input.facts)) {
        const entry = missing.find((m) => m.fact === late.fact);
        if (entry) entry.steps.push(s.id);
        else missing.push({ fact: late.fact, steps: [s.id], why: `${late.why} (${late.clock} was due ${late.dueAt.toISOString()})` } as MissingFact);
      }
    }
    return { version, definition, planFor, plans, pins, missing };
  }

  /**
   * The offer each customer step carries: its own, else the incident's. Steps that will not run (skipped)
   * carry none, so their pool is not required. Unknown offer keys are refused before anything is written.
   */
  private async stepOffers(cmd: DeclareIncidentCommand, definition: RunbookDefinition, plans: Map<string, PlannedStep>) {
    const wanted = (s: RunbookStep) => (s.audience === 'affected_customers' && plans.get(s.id)!.state !== 'skipped' ? (s.offer ?? cmd.input.offer) : undefined);
    const byKey = await this.offers.resolveKeys([...definition.steps.map(wanted).filter((k): k is string => !!k), ...(cmd.input.offer ? [cmd.input.offer] : [])]);
    const steps = new Map(definition.steps.filter((s) => wanted(s)).map((s) => [s.id, byKey.get(wanted(s)!)!]));
    return { steps, incident: cmd.input.offer ? byKey.get(cmd.input.offer) : undefined, all: [...new Map([...steps.values()].map((o) => [o.id, o])).values()] };
  }

  /** A retried declare answers like the first, once the population is whole (the first may have stopped half-way). */
  private async replayed(existing: IncidentWithSchedule, cmd: DeclareIncidentCommand): Promise<DeclareResult> {
    const incident = this.replay(existing, cmd);
    await this.population.complete(incident.id, this.config.POPULATION_PAGE_SIZE);
    return { incident, replayed: true };
  }

  private replay(existing: IncidentWithSchedule, cmd: DeclareIncidentCommand): IncidentWithSchedule {
    if (existing.requestHash !== cmd.requestHash) {
      throw new AppException(
        ErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was already used with a different request body; use a new key for a new incident',
        { incidentId: existing.id },
      );
    }
    return existing;
  }
}

/** LIMIT for "every row" (a bigint PostgreSQL accepts). */
const ALL_ROWS = Number.MAX_SAFE_INTEGER;

function isUniqueViolation(e: unknown): boolean {
  if (e instanceof Prisma.PrismaClientKnownRequestError) return e.code === 'P2002';
  return (e as { code?: string })?.code === '23505';
}
