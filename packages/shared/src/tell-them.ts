import { z } from 'zod';

/** Query of the "tell them" preview and send: the message's language (`de`, `en-GB`...); default `en`. */
export const TellThemQuerySchema = z.strictObject({
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'a language tag such as "en" or "de-AT"' })
    .default('en'),
});
export type TellThemQuery = z.output<typeof TellThemQuerySchema>;

/** The message that tells a customer that what they asked for shipped, as it will be sent. */
export const TellThemMessageSchema = z.object({
  to: z.string(),
  /** The template's language (the asked one when there is a template for it, else English). */
  locale: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  issue: z.object({ url: z.string(), title: z.string() }),
});
export type TellThemMessage = z.infer<typeof TellThemMessageSchema>;

/**
 * What the preview answers: the message (`ready`, with when it was sent if it was), or why it cannot be
 * sent now (the issue is not closed, no consenting contact, the contact was erased).
 */
export const TellThemPreviewSchema = z.discriminatedUnion('ready', [
  TellThemMessageSchema.extend({ ready: z.literal(true), toldAt: z.string().optional() }),
  z.object({ ready: z.literal(false), reason: z.string() }),
]);
export type TellThemPreview = z.infer<typeof TellThemPreviewSchema>;

/** What `POST /v1/items/:id/tell-them` answers once the message is sent. */
export const TellThemSentSchema = z.object({ sent: z.literal(true), at: z.string(), to: z.string(), locale: z.string() });
export type TellThemSent = z.infer<typeof TellThemSentSchema>;

/** What `DELETE /v1/contacts/:email` answers: how many items held the contact. */
export const ContactErasureSchema = z.object({ erased: z.object({ items: z.number().int() }) });
