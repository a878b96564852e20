// Redocly lint with its `recommended` ruleset on an OpenAPI file; prints the problems as JSON lines
// `{severity, ruleId, message, pointer}` (run as a child: @redocly/openapi-core is ESM-only, Jest runs CJS).
import { createConfig, lint } from '@redocly/openapi-core';

const file = process.argv[2];
const config = await createConfig({ extends: ['recommended'] });
const problems = await lint({ ref: file, config });
for (const p of problems) {
  console.log(JSON.stringify({ severity: p.severity, ruleId: p.ruleId, message: p.message, pointer: p.location?.[0]?.pointer }));
}
