/**
 * The follow-through workers, started with the app and stopped when it closes: escalation of items their
 * owner has not acknowledged (config `escalation`) and the weekly team update (config `teamUpdate`). Both
 * work under leases in the store, so any number of collectors can run them; each does nothing until its
 * config section is there.
 */
import fp from 'fastify-plugin';
import { startEscalationScheduler, type EscalationScheduler } from '../../domain/escalation.ts';
import { startTeamUpdateScheduler, type TeamUpdateScheduler } from '../../domain/team-update-scheduler.ts';
import type { Post } from '../../notify/http-post.ts';
import type { Mailer } from '../../notify/email.ts';
import { teamUpdateSender } from '../../notify/team-update-delivery.ts';

declare module 'fastify' {
  interface FastifyInstance {
    escalation: EscalationScheduler;
    teamUpdate: TeamUpdateScheduler;
  }
}

export interface FollowThroughPluginOptions {
  workerId: string;
  post: Post;
  mailer?: Mailer;
  intervalMs?: number;
}

export default fp<FollowThroughPluginOptions>(
  async (app, { workerId, post, mailer, intervalMs }) => {
    const { store, clock, channelSettings } = app.services;
    // Read at each round: owners, DRIs and the rotation are edited live (domain/settings.ts).
    const live = {
      get config() {
        return app.services.config;
      },
    };
    const every = intervalMs !== undefined ? { intervalMs } : {};
    const escalation = startEscalationScheduler(Object.assign(live, { store, clock, channelSettings, workerId, log: app.log, ...every }));
    const teamUpdate = startTeamUpdateScheduler({
      store,
      get config() {
        return app.services.config;
      },
      clock,
      workerId,
      email: mailer !== undefined,
      send: teamUpdateSender({ post, ...(mailer && { mailer }) }),
      log: app.log,
      ...every,
    });
    app.decorate('escalation', escalation);
    app.decorate('teamUpdate', teamUpdate);
    app.addHook('onClose', async () => {
      await escalation.stop();
      await teamUpdate.stop();
    });
  },
  { name: 'heed-follow-through', fastify: '5.x', dependencies: ['heed-store'] },
);
