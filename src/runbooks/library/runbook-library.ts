import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../../templates/template-engine';
import { RunbookDefinition, runbookDefinitionSchema } from '../runbook-definition';

const entrySchema = z.strictObject({ title: z.string(), description: z.string(), definition: runbookDefinitionSchema });

export interface LibraryEntry {
  name: string;
  title: string;
  description: string;
  clocks: string[];
  templates: string[];
  definition: RunbookDefinition;
}

/** The plans shipped in templates/runbooks/*.json; read once, validated like any runbook. */
export function loadRunbookLibrary(dir = path.join(TEMPLATES_DIR, 'runbooks')): LibraryEntry[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const e = entrySchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      return {
        name: f.replace(/\.json$/, ''),
        title: e.title,
        description: e.description,
        clocks: [...new Set(e.definition.steps.flatMap((s) => s.meets))],
        templates: [...new Set(e.definition.steps.map((s) => s.template))],
        definition: e.definition,
      };
    });
}
