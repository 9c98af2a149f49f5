/**
 * The forwarding address's SMTP listener, started with the app when `intake.email` is configured and closed
 * with it. `app.emailIntake` tells the port it listens on (tests listen on port 0).
 */
import type { EmailIntake } from '@heed/shared';
import fp from 'fastify-plugin';
import { takeInFeedback } from '../../domain/intake.ts';
import type { EmailListener } from '../../intake/email-listener.ts';
import { intakeDeps, type IntakeRouteOptions } from './intake-support.ts';

declare module 'fastify' {
  interface FastifyInstance {
    emailIntake: Pick<EmailListener, 'port'> | null;
  }
}

export interface EmailIntakeOptions extends IntakeRouteOptions {
  settings: EmailIntake;
}

export const emailIntake = fp<EmailIntakeOptions>(
  async (app, options) => {
    const deps = intakeDeps(app, options);
    // The SMTP server and the MIME parser are loaded only by a collector that takes in email.
    const { startEmailListener } = await import('../../intake/email-listener.ts');
    const listener = await startEmailListener({
      settings: options.settings,
      get config() {
        return app.heedConfig;
      },
      takeIn: (draft) => takeInFeedback(deps, draft),
      log: app.log,
    });
    app.log.info({ port: listener.port }, 'email intake listening');
    app.decorate('emailIntake', { port: listener.port });
    app.addHook('onClose', () => listener.close());
  },
  { name: 'heed-intake-email', fastify: '5.x', dependencies: ['heed-store'] },
);
