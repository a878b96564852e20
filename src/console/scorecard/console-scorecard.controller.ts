import { Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ZodType } from 'zod';
import { PERSONAL_DATA_ROLES, Role } from '../../auth/role';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { Clock } from '../../common/time/clock';
import { CommentsExport } from '../../scorecard/comments-export';
import { breakdownQuerySchema, commentsQuerySchema, dimensionOf, rangeOf, rangeQuerySchema } from '../../scorecard/dto/scorecard-query.dto';
import { Figures } from '../../scorecard/scorecard-figures';
import { Breakdown, ScorecardService, TimeToReach } from '../../scorecard/scorecard.service';
import { SENDABLE_CHANNELS } from '../../templates/dto/template.dto';
import { Sensitive } from '../../throttling/throttling';
import { ConsoleController, ConsoleRoles } from '../console.decorators';
import { ConsoleRenderer } from '../console.renderer';
import { breakdownRows, charts, figureRows, trend } from './scorecard.view';

const IdPipe = new ParseUUIDPipe({ version: '4' });
const DAY_MS = 86_400_000;
const SCORE_COLUMNS = Array.from({ length: 11 }, (_, i) => String(i));

/** Query parameters of a console form: empty fields are absent (a form sends every field). */
function parse<T>(schema: ZodType<T>, q: Record<string, unknown>): T {
  const given = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== undefined));
  const r = schema.safeParse(given);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || 'query', message: i.message }));
    throw new AppException(ErrorCode.ValidationFailed, issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return r.data;
}

/** `by` as the forms send it: a select (channel, locale, attribute) and the attribute's key. */
function breakdownParams(q: Record<string, unknown>) {
  const { view, key, ...rest } = q;
  if (view === 'attribute') return { ...rest, attribute: key };
  return view === undefined ? rest : { ...rest, by: view };
}

/** What both scorecard pages show: the figures table, the charts, the breakdown, the breakdown form's state. */
function cardView(card: { figures: Figures; timeToReach: TimeToReach; breakdown: Breakdown | null }, q: Record<string, unknown>) {
  return {
    view: q.view ?? '',
    key: q.key ?? '',
    card,
    figures: figureRows(card.figures, card.timeToReach),
    charts: charts(card.figures),
    scoreColumns: SCORE_COLUMNS,
    breakdown: breakdownRows(card.breakdown),
  };
}

/**
 * The scorecard in the console: across incidents (nav), per incident (linked from the incident page), and the
 * comments. Every number comes from ScorecardService, the one the API answers from.
 */
@ConsoleController('scorecard')
@ConsoleRoles(Role.viewer)
export class ConsoleScorecardController {
  constructor(
    private readonly renderer: ConsoleRenderer,
    private readonly scorecard: ScorecardService,
    private readonly exporter: CommentsExport,
    private readonly clock: Clock,
  ) {}

  @Get()
  async overview(@Query() q: Record<string, unknown>, @Res() res: Response) {
    const now = this.clock.now();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const defaults = { from: new Date(dayStart.getTime() - 89 * DAY_MS).toISOString().slice(0, 10), to: new Date(dayStart.getTime() + DAY_MS).toISOString().slice(0, 10) };
    const params = parse(rangeQuerySchema, { ...defaults, ...breakdownParams(q) });
    const { from, to } = rangeOf(params);
    const dimension = dimensionOf(params);
    const card = await this.scorecard.forRange(from, to, dimension);
    this.renderer.render(res, 'scorecard/overview', {
      title: 'Scorecard',
      params,
      ...cardView(card, q),
      trend: trend(card.trend.map((p) => ({ label: p.incident.declaredAt.toISOString().slice(0, 10), nps: p.nps.score, csat: p.csat.satisfiedPercent }))),
      trendRows: card.trend,
      commentsHref: `/console/scorecard/comments?${new URLSearchParams({ from: params.from, to: params.to })}`,
    });
  }

  @Get('incidents/:id')
  async incident(@Param('id', IdPipe) id: string, @Query() q: Record<string, unknown>, @Res() res: Response) {
    const params = parse(breakdownQuerySchema, breakdownParams(q));
    const card = await this.scorecard.forIncident(id, dimensionOf(params));
    this.renderer.render(res, 'scorecard/incident', {
      title: `Scorecard: ${card.incident.title}`,
      ...cardView(card, q),
      commentsHref: `/console/scorecard/comments?${new URLSearchParams({ incident: id })}`,
    });
  }

  @Get('comments')
  async comments(@Query() q: Record<string, unknown>, @Res() res: Response) {
    const filters = parse(commentsQuerySchema, q);
    const page = await this.scorecard.comments(filters);
    const { cursor: _c, limit: _l, ...kept } = filters;
    const query = new URLSearchParams(Object.entries(kept).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]));
    this.renderer.render(res, 'scorecard/comments', {
      title: 'Feedback comments',
      filters,
      items: page.items,
      csvHref: `/console/scorecard/comments.csv?${query}`,
      next: page.nextCursor ? `/console/scorecard/comments?${new URLSearchParams([...query, ['cursor', page.nextCursor]])}` : null,
      scores: ['csat', 'ces', 'nps'],
      channelOptions: SENDABLE_CHANNELS,
    });
  }

  /** Customers' own words may name them: personal data, so the personal-data roles and an audit row (in CommentsExport). */
  @Get('comments.csv')
  @Sensitive()
  @ConsoleRoles(...PERSONAL_DATA_ROLES)
  async csv(@Query() q: Record<string, unknown>, @Res() res: Response) {
    await this.exporter.download(parse(commentsQuerySchema, q), res);
  }
}
