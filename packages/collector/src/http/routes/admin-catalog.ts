/**
 * Admin: what the console's filters and labels come from: the configured surveys (kind, product area,
 * reasons with their labels), owners (id and name, never their addresses), feedback types and sources.
 */
import { FeedbackSourceSchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogResponse } from '../../domain/catalog-view.ts';

export const adminCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  // Built again only when the effective config changed (a survey, an owner or a feedback type edited live).
  let built: { config: unknown; body: ReturnType<typeof catalogResponse> } | undefined;
  app.get('/v1/catalog', async () => {
    const { config } = app.services;
    if (built?.config !== config) built = { config, body: catalogResponse(config, FeedbackSourceSchema.options) };
    return built.body;
  });
};
