/**
 * Reads and validates the config file. Every problem is reported against the file: a syntax error by line
 * and column, each schema issue by its path in the file (`heed.config.json: routes[0].owner: unknown owner "x"`).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { HeedConfigSchema, type HeedConfig } from '@heed/shared';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { formatIssues } from '../http/format-issues.ts';
import { resolveRelativeUrls } from './relative-urls.ts';

export interface LoadConfigOptions {
  /**
   * The collector's own address (`http://127.0.0.1:8787`): `publicUrl` when the file sets none, and the
   * base of relative owner URLs (see relative-urls.ts).
   */
  listenUrl?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export async function loadConfig(path: string, options: LoadConfigOptions = {}): Promise<HeedConfig> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(`${path}: cannot read the config file: ${reason}`);
  }
  return parseConfig(text, name, options);
}

/** Validates config text; `name` is the file name used in messages. */
export function parseConfig(text: string, name: string, options: LoadConfigOptions = {}): HeedConfig {
  const syntaxErrors: ParseError[] = [];
  const raw: unknown = parse(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const [first] = syntaxErrors;
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new ConfigError(`${name}:${line}:${column}: invalid JSON: ${describeSyntaxError(first)}`);
  }
  const { config, issues } = resolveRelativeUrls(raw, options.listenUrl);
  const result = HeedConfigSchema.safeParse(config);
  if (issues.length > 0 || !result.success) {
    const lines = [
      ...issues.map((issue) => `${name}: ${issue.path}: ${issue.message}`),
      ...(result.success ? [] : formatIssues(result.error.issues).map((issue) => `${name}: ${issue}`)),
    ];
    throw new ConfigError(`invalid config (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
  return result.data;
}

function describeSyntaxError(error: ParseError): string {
  // `InvalidSymbol` -> "invalid symbol"
  return printParseErrorCode(error.error).replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
