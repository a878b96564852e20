import { Injectable } from '@nestjs/common';
import { requiredFacts } from './template-fields';
import { TemplateRepository } from './template.repository';

export interface StepTemplateRef {
  stepKey: string;
  templateKey: string;
  channel: string;
}

export interface MissingFact {
  fact: string;
  steps: string[];
}

/**
 * Freezes, at declaration, the template versions each step will send (newest version per locale), and
 * lists the facts those versions declare that the incident does not give: a notice is never sent with a
 * hole in it, and an edit made after declaration does not change what this incident sends.
 */
@Injectable()
export class TemplatePinning {
  constructor(private readonly templates: TemplateRepository) {}

  async pin(steps: StepTemplateRef[], facts: Record<string, unknown>): Promise<{ pins: Map<string, Record<string, string>>; missing: MissingFact[] }> {
    const pins = new Map<string, Record<string, string>>();
    const needs = new Map<string, Set<string>>();
    for (const step of steps) {
      const perLocale = await this.templates.latestPerLocale(step.templateKey, step.channel);
      pins.set(step.stepKey, perLocale);
      const versions = await this.templates.findByIds(Object.values(perLocale));
      for (const fact of requiredFacts(versions.flatMap((v) => v.variables))) {
        const given = facts[fact];
        if (given === undefined || given === null || given === '') needs.set(fact, (needs.get(fact) ?? new Set()).add(step.stepKey));
      }
    }
    const missing = [...needs].map(([fact, s]) => ({ fact, steps: [...s] })).sort((a, b) => a.fact.localeCompare(b.fact));
    return { pins, missing };
  }
}
