import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `// Generated from the OpenAPI document by openapi-typescript: do not edit.
// Regenerate with \`npm run api:types\` (test/openapi-document.e2e.spec.ts fails when this file is stale).
`;

/** The TypeScript types of the API (paths, operations, components), as committed in src/api/openapi-types.ts. */
export async function generateApiTypes(doc: object): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(doc)), { alphabetize: true });
  return HEADER + astToString(ast);
}

// `node -r ts-node/register/transpile-only src/openapi/generate-api-types.ts doc.json`: the types on stdout
// (how the tests call it: openapi-typescript's dependencies are ESM, which Jest cannot load)
if (require.main === module) {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  generateApiTypes(JSON.parse(readFileSync(process.argv[2], 'utf8')))
    .then((out) => process.stdout.write(out))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
