// OpenAPI schemas of the scorecard answers (documentation only: the service's types are the truth).
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const pct: SchemaObject = { type: 'number', nullable: true, description: 'percent, one decimal; null when there is nothing to divide by' };
const distribution = (scale: string): SchemaObject => ({ type: 'object', additionalProperties: { type: 'integer' }, description: `answers per score ${scale}` });

export const FIGURES_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    reached: { type: 'integer', description: 'customers reached (the reach definition)' },
    responses: { type: 'integer' },
    responseRate: pct,
    csat: { type: 'object', properties: { answers: { type: 'integer' }, satisfiedPercent: pct, distribution: distribution('1-5') } },
    ces: { type: 'object', properties: { answers: { type: 'integer' }, average: { type: 'number', nullable: true }, distribution: distribution('1-7') } },
    nps: {
      type: 'object',
      properties: {
        answers: { type: 'integer' },
        score: { type: 'number', nullable: true, description: '% promoters (9-10) - % detractors (0-6), -100 to 100' },
        promoters: { type: 'integer' },
        passives: { type: 'integer' },
        detractors: { type: 'integer' },
        distribution: distribution('0-10'),
      },
    },
    acknowledged: { type: 'integer' },
    acknowledgementRate: pct,
    claims: { type: 'integer', description: 'remedy offers claimed on the notice page (offer_assignment.claimed_at)' },
    claimRate: { ...pct, description: 'claims ÷ reached, percent' },
  },
};

const TIME_TO_REACH: SchemaObject = {
  type: 'object',
  properties: { count: { type: 'integer' }, p50: { type: 'integer', nullable: true, description: 'seconds from the declaration' }, p90: { type: 'integer', nullable: true } },
};

const BREAKDOWN: SchemaObject = {
  type: 'object',
  nullable: true,
  properties: {
    by: { type: 'string', example: 'attributes.plan' },
    groups: { type: 'array', items: { allOf: [{ type: 'object', properties: { group: { type: 'string' } } }, FIGURES_SCHEMA] } },
  },
};

const INCIDENT: SchemaObject = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, title: { type: 'string' }, state: { type: 'string' }, declaredAt: { type: 'string', format: 'date-time' } },
};

export const INCIDENT_SCORECARD_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { incident: INCIDENT, figures: FIGURES_SCHEMA, timeToReach: TIME_TO_REACH, breakdown: BREAKDOWN },
};

export const RANGE_SCORECARD_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    incidents: { type: 'integer' },
    figures: FIGURES_SCHEMA,
    timeToReach: TIME_TO_REACH,
    breakdown: BREAKDOWN,
    trend: { type: 'array', items: { allOf: [{ type: 'object', properties: { incident: INCIDENT } }, FIGURES_SCHEMA] } },
  },
};

export const COMMENTS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          incidentId: { type: 'string', format: 'uuid' },
          incidentTitle: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          locale: { type: 'string' },
          channels: { type: 'array', items: { type: 'string' } },
          csat: { type: 'integer' },
          ces: { type: 'integer' },
          nps: { type: 'integer', nullable: true },
          comment: { type: 'string', nullable: true },
          npsReason: { type: 'string', nullable: true },
        },
      },
    },
    nextCursor: { type: 'string', nullable: true },
  },
};

export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } } } },
};
