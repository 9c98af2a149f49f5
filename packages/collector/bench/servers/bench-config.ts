import type { HeedConfigInput } from '@heed/shared';

export const benchConfig: HeedConfigInput = {
  projects: [{ key: 'pk_bench', name: 'Bench', allowedOrigins: ['http://127.0.0.1'] }],
  surveys: [{ id: 'app-nps', project: 'pk_bench', kind: 'nps', productArea: 'editor' }],
  owners: [{ id: 'pm', name: 'PM', webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 'bench-secret-0123456789' }],
  routes: [{ when: { productArea: 'editor' }, owner: 'pm' }],
};
