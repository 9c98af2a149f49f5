/**
 * Admin: surveys edited without a restart. `GET /v1/surveys` lists every survey of the config file with its
 * effective definition and where that comes from; `PUT /v1/surveys/:id/settings` replaces a survey's
 * tunable settings (wording, reasons, targeting, on/off), checked to still make a valid survey, and kept
 * with its time and actor (`X-Heed-Actor`), refused (412) when `If-Match` names a version the survey has
 * moved past; `GET /v1/surveys/:id/history` lists those changes, newest first.
 * Every collector on the store picks a change up at its next poll of the settings version.
 */
import { SettingsSaveHeadersSchema, SlugSchema, SurveySettingsSchema, TUNABLE_SURVEY_FIELDS } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EffectiveSurvey } from '../../domain/effective-config.ts';
import type { SettingsChange } from '../../store/settings-repository.ts';
import { actorOf } from '../actor.ts';


const presentChange = (change: SettingsChange) => ({
  version: change.version,
  at: change.at.toISOString(),
  actor: change.actor,
  settings: change.settings,
});

const presentSurvey = (entry: EffectiveSurvey) => ({
  id: entry.survey.id,
  kind: entry.survey.kind,
  project: entry.survey.project,
  productArea: entry.survey.productArea,
  source: entry.source,
  survey: entry.survey,
  file: entry.file,
  settings: entry.change?.settings ?? {},
  ...(entry.change && { change: presentChange(entry.change) }),
  ...(entry.ignored !== undefined && { ignored: entry.ignored }),
});

const Params = z.object({ id: SlugSchema });
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const adminSurveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { settings, clock } = app.services;
  const entryOf = (id: string) => settings.effective.surveys.find((entry) => entry.survey.id === id);

  app.get('/v1/surveys', async () => {
    const { version, surveys } = settings.effective;
    return { version, tunable: TUNABLE_SURVEY_FIELDS, surveys: surveys.map(presentSurvey) };
  });

  app.put(
    '/v1/surveys/:id/settings',
    { schema: { params: Params, headers: SettingsSaveHeadersSchema, body: SurveySettingsSchema }, config: { errorStatuses: [404, 412] } },
    async (request) => {
      const actor = actorOf(request.headers);
      const change = await settings.save(request.params.id, request.body, actor, clock(), request.headers['if-match']);
      const entry = entryOf(request.params.id);
      return { change: presentChange(change), ...(entry && { survey: presentSurvey(entry) }) };
    },
  );

  app.get(
    '/v1/surveys/:id/history',
    { schema: { params: Params, querystring: HistoryQuery }, config: { errorStatuses: [404] } },
    async (request) => ({ items: (await settings.history(request.params.id, request.query.limit)).map(presentChange) }),
  );
};
