/**
 * Admin: what the console's filters and labels come from: the configured surveys (kind, product area,
 * reasons with their labels), owners (id and name, never their addresses), feedback types and sources.
 */
import { FeedbackSourceSchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogResponse } from '../../domain/catalog-view.ts';

export const adminCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.services;
  const body = catalogResponse(config, FeedbackSourceSchema.options);
  app.get('/v1/catalog', async () => body);
};
