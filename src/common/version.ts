import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Tocsin's version, from package.json (two levels up from src/common and from dist/common alike). */
export const TOCSIN_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return process.env.npm_package_version ?? 'unknown';
  }
})();
