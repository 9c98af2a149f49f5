/**
 * Admin: who hears about feedback, edited without a restart. `GET /v1/routing` answers the owners (their
 * channels, never their webhook secrets), the ordered routes, the rotation and the feedback types with their
 * DRIs in use, where each part comes from and the file's own; `PUT /v1/routing` replaces the parts it gives
 * (a part left out follows the file again), checked to make a valid config and kept with its time and actor
 * (`X-Heed-Actor`), refused (412) when `If-Match` names a version the routing has moved past (two people
 * editing at once: the second is told, not silently overwritten); `GET /v1/routing/history` lists those
 * changes, newest first. Every collector on the store picks a change up at its next poll of the settings
 * version. `POST /v1/owners/:id/test-alert` sends an owner a test alert on each of their channels at once
 * and answers each outcome.
 */
import {
  ActorHeadersSchema,
  FeedbackSourceSchema,
  NpsCategorySchema,
  PlanSchema,
  RoutingSettingsBodySchema,
  SettingsSaveHeadersSchema,
  SlugSchema,
  SURVEY_KINDS,
  type HeedConfig,
  type Owner,
  type RoutingSettings,
} from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.ts';
import { timeOrderedId } from '../../domain/ids.ts';
import { sendTestAlert } from '../../domain/test-alert.ts';
import type { SettingsChange } from '../../store/settings-repository.ts';
import { actorOf } from '../actor.ts';

/** An owner as the console sees it: whether a webhook secret is set, never the secret. */
const presentOwner = ({ webhookSecret, ...owner }: Owner) => ({ ...owner, hasWebhookSecret: webhookSecret !== undefined });

const presentParts = (parts: Pick<HeedConfig, 'owners' | 'routes' | 'feedbackTypes'> & { rotation?: HeedConfig['rotation'] | null }) => ({
  owners: parts.owners.map(presentOwner),
  routes: parts.routes,
  rotation: parts.rotation ?? null,
  feedbackTypes: parts.feedbackTypes,
});

const presentSettings = (settings: RoutingSettings) => ({
  ...settings,
  ...(settings.owners && { owners: settings.owners.map(presentOwner) }),
});

const presentChange = (change: SettingsChange) => ({
  version: change.version,
  at: change.at.toISOString(),
  actor: change.actor,
  settings: presentSettings(change.settings as RoutingSettings),
});

/** What a rule's fixed-choice conditions may be, for the console's selects. */
const CHOICES = { kinds: SURVEY_KINDS, plans: PlanSchema.options, categories: NpsCategorySchema.options, sources: FeedbackSourceSchema.options };

const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const OwnerParams = z.object({ id: SlugSchema });

export const adminRoutingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app;
  const { settings, clock } = services;
  const fileConfig = settings.file;

  const view = () => {
    const { version, config, routing } = settings.effective;
    return {
      version,
      ...presentParts(config),
      sources: routing.sources,
      file: presentParts(fileConfig),
      surveys: config.surveys.map(({ id, kind, productArea }) => ({ id, kind, productArea })),
      choices: CHOICES,
      ...(routing.change && { change: presentChange(routing.change) }),
      ...(routing.ignored !== undefined && { ignored: routing.ignored }),
    };
  };

  app.get('/v1/routing', async () => view());

  app.put('/v1/routing', { schema: { headers: SettingsSaveHeadersSchema, body: RoutingSettingsBodySchema }, config: { errorStatuses: [412] } }, async (request) => {
    const change = await settings.saveRouting(request.body, actorOf(request.headers), clock(), request.headers['if-match']);
    return { change: presentChange(change), routing: view() };
  });

  app.get('/v1/routing/history', { schema: { querystring: HistoryQuery } }, async (request) => ({
    items: (await settings.routingHistory(request.query.limit)).map(presentChange),
  }));

  app.post(
    '/v1/owners/:id/test-alert',
    { schema: { params: OwnerParams, headers: ActorHeadersSchema }, config: { errorStatuses: [404] } },
    async (request) => {
      const { config, channels, channelSettings } = services;
      const owner = config.owners.find((candidate) => candidate.id === request.params.id);
      if (!owner) throw new errors.notFound(`owner "${request.params.id}"`);
      const results = await sendTestAlert({ config, channels, channelSettings, newId: () => timeOrderedId() }, owner, actorOf(request.headers), clock());
      return { owner: owner.id, results };
    },
  );
};
