// Writes config.schema.json (JSON Schema of heed.config.json) from the zod schema, for editors and CI.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HeedConfigSchema } from '../src/config.ts';

const schema = z.toJSONSchema(HeedConfigSchema, { io: 'input', unrepresentable: 'any' });
const target = fileURLToPath(new URL('../config.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${target}`);
