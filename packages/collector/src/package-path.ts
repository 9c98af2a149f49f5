/**
 * A file of the collector package by its path from the package's root. This module sits one level below the
 * root both as a source (`src/`) and once built (`dist/`), so the path resolves alike when run either way.
 */
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = new URL('../', import.meta.url);

export const packagePath = (fromRoot: string): string => fileURLToPath(new URL(fromRoot, PACKAGE_ROOT));
