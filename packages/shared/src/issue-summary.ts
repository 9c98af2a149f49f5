import { z } from 'zod';
import { IssueStateSchema } from './follow-through.ts';

/** A customer asking for an issue: an account, by id and/or name. */
export const AskingCustomerSchema = z.object({ accountId: z.string().optional(), accountName: z.string().optional() });

/** One issue in the API, with who asks for it. */
export const IssueSummarySchema = z.object({
  url: z.string(),
  title: z.string().optional(),
  state: IssueStateSchema,
  linkedAt: z.string(),
  updatedAt: z.string(),
  /** How many items are linked to it. */
  asking: z.number().int(),
  /** The distinct customers of those items (by account id, else name). */
  customers: z.array(AskingCustomerSchema),
  /** The distinct plans of those items. */
  plans: z.array(z.string()),
  /** The linked items, newest link first. */
  items: z.array(z.object({ id: z.string(), linkedAt: z.string() })),
});
export type IssueSummary = z.infer<typeof IssueSummarySchema>;
