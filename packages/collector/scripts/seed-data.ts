/**
 * Demo data, generated deterministically from a seed value: the same seed, counts, days and end time give
 * the same answers, ids included (so seeding the same store twice stores nothing new). Answers and displays
 * come out in time order over the `days` days that end at `now`, over the surveys and owners of a config:
 * NPS with a trend per plan (SaaS improving, self-managed slipping), comments in several languages (a few
 * hostile-looking, to show that everything downstream escapes them), cancel and uninstall reasons from the
 * surveys' reasons, extension versions that roll out over time, routing by the real routing function with
 * one alert per owner channel (delivered, a few failed), and triage further along the older an answer is.
 */
import { npsCategory, type HeedConfig, type NpsCategory, type Owner, type Plan, type Survey, type Triage } from '@heed/shared';
import { ownerChannels } from '../src/domain/enqueue-alerts.ts';
import { routeResponse } from '../src/domain/routing.ts';
import type { AlertDoc, DisplayDoc, ResponseDoc } from '../src/store/store.ts';
import { Random } from './seeded-random.ts';

export interface SeedOptions {
  config: HeedConfig;
  /** The seed value of the pseudo-random sequence. */
  seed: number;
  responses: number;
  displays: number;
  days: number;
  /** The end of the period (the newest answer is just before it). */
  now: Date;
}

export interface SeededResponse {
  response: ResponseDoc;
  alerts: AlertDoc[];
}

const DAY_MS = 86_400_000;

type Tone = 'negative' | 'neutral' | 'positive';

/** Comments by tone, each with its language, as people write them. */
const COMMENTS: Record<Tone, ReadonlyArray<readonly [locale: string, text: string]>> = {
  negative: [
    ['en', 'The editor freezes when I paste a large table.'],
    ['en', 'Sync keeps failing on my second laptop, I lost an hour of work.'],
    ['en', 'Too many clicks to export a PDF. Please fix.'],
    ['en', 'Search is slow and misses obvious matches.'],
    ['de', 'Der Export dauert ewig und bricht bei großen Dateien ab.'],
    ['de', 'Seit dem letzten Update stürzt die App beim Start ab.'],
    ['fr', "L'éditeur est lent et la synchronisation échoue souvent."],
    ['fr', 'Trop cher pour ce que ça fait.'],
    ['es', 'La búsqueda no encuentra mis documentos antiguos.'],
    ['pt-BR', 'O aplicativo trava quando abro arquivos grandes.'],
    ['ja', '大きなファイルを開くとエディタが固まります。'],
    ['zh', '同步经常失败，希望尽快修复。'],
  ],
  neutral: [
    ['en', 'Fine overall, but dark mode would help.'],
    ['en', 'Works, though onboarding could be shorter.'],
    ['de', 'Ganz okay, aber die Tastenkürzel sind schwer zu merken.'],
    ['fr', 'Correct, mais il manque un mode hors ligne.'],
    ['es', 'Está bien, aunque echo de menos plantillas.'],
    ['ja', '悪くないですが、ショートカットを増やしてほしいです。'],
  ],
  positive: [
    ['en', 'Love the new comments panel, it saves me hours every week.'],
    ['en', 'Fast, reliable, and support answered in minutes.'],
    ['de', 'Super Werkzeug, unser ganzes Team nutzt es täglich.'],
    ['fr', "Génial, l'export Markdown est parfait."],
    ['es', '¡Me encanta! Muy fácil de usar.'],
    ['pt-BR', 'Excelente, a colaboração em tempo real funciona muito bem.'],
    ['ja', 'とても使いやすいです。'],
  ],
};

/** Text that must arrive escaped wherever it is shown: console, Slack, email, CSV. */
const HOSTILE: readonly string[] = [
  '<script>alert("xss")</script> the export button does nothing',
  '<img src=x onerror=alert(1)> images do not load',
  '=HYPERLINK("https://evil.example/","click me") pricing is confusing',
  '<!channel> please look at this <https://evil.example|your invoice>',
  '"; DROP TABLE responses; -- search is broken',
  '@here the\r\nBcc: everyone@example.com dashboard is blank',
];

const REASON_COMMENTS: ReadonlyArray<readonly [locale: string, text: string]> = [
  ['en', 'We moved the team to a cheaper plan elsewhere.'],
  ['en', 'Budget cuts this quarter.'],
  ['en', 'Needed SSO on the self-managed edition.'],
  ['de', 'Wir brauchen eine On-Premise-Integration mit LDAP.'],
  ['fr', 'Nous utilisons un autre outil maintenant.'],
  ['es', 'Demasiado caro para un equipo pequeño.'],
  ['en', 'It slowed down every page I opened.'],
  ['ja', '使う機会が少なかったです。'],
];

const EXTENSION_VERSIONS = ['2.4.1', '2.5.0', '2.6.0', '2.6.3', '3.0.0', '3.1.2'];
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
];
const PLANS = ['saas', 'self-managed', undefined] as const;
const PLAN_WEIGHTS = [0.6, 0.35, 0.05];
const LOCALES = ['en', 'de', 'fr', 'es', 'ja'];
const LOCALE_WEIGHTS = [6, 1, 1, 1, 1];
const EVENTS = ['shown', 'dismissed', 'snoozed'] as const;
const EVENT_WEIGHTS = [0.72, 0.22, 0.06];
const DETRACTOR_SCORES = [0, 1, 2, 3, 4, 5, 6];
const DETRACTOR_WEIGHTS = [3, 1, 2, 3, 4, 7, 9];
const TAGS = ['bug', 'performance', 'pricing', 'ux', 'sync', 'export', 'onboarding', 'docs'];
/** Why the receivers of the failing alerts refused them. */
export const FAILURES: readonly string[] = ['HTTP 500 from the webhook receiver', 'connect ECONNREFUSED', 'HTTP 410 Gone: the webhook was removed', 'timed out after 10 s'];

/** The NPS a plan trends to over the period, from `t` = 0 (oldest) to 1 (newest). */
function trendNps(plan: Plan | undefined, t: number, day: number): number {
  const weekly = 4 * Math.sin((2 * Math.PI * day) / 7);
  if (plan === 'saas') return 5 + 40 * t + weekly;
  if (plan === 'self-managed') return 35 - 25 * t + weekly;
  return 20 + weekly;
}

/** A score whose category follows the NPS the plan has at `t` (30% passives). */
function drawScore(random: Random, nps: number): number {
  const passives = 0.3;
  const promoters = Math.min(0.7, Math.max(0, (1 - passives + nps / 100) / 2));
  const x = random.next();
  if (x < promoters) return random.chance(0.6) ? 10 : 9;
  if (x < promoters + passives) return random.chance(0.5) ? 8 : 7;
  return random.weighted(DETRACTOR_SCORES, DETRACTOR_WEIGHTS);
}

function drawComment(random: Random, tone: Tone): readonly [string, string] {
  if (random.chance(0.01)) return ['en', random.pick(HOSTILE)];
  return random.pick(COMMENTS[tone]);
}

const TONES: Record<NpsCategory, Tone> = { detractor: 'negative', passive: 'neutral', promoter: 'positive' };
const COMMENT_RATE: Record<NpsCategory, number> = { detractor: 0.55, passive: 0.3, promoter: 0.22 };

/** How many people the data is about: a few answers each over the period. */
export function userCount(options: Pick<SeedOptions, 'responses' | 'displays'>): number {
  return Math.max(50, Math.round(Math.max(options.responses, options.displays / 3) / 8));
}

const userIds: string[] = [];

export function userId(n: number): string {
  return (userIds[n] ??= `u_${n.toString().padStart(6, '0')}`);
}

interface Weighted {
  surveys: Survey[];
  weights: number[];
}

/** Surveys answered: in-app NPS most, the exit and cancel forms less. */
function surveyMix(config: HeedConfig): Weighted {
  const surveys = config.surveys.filter((survey) => survey.active);
  if (surveys.length === 0) throw new Error('the config has no active survey to seed');
  const weight = { nps: 7, csat: 2, uninstall: 1.5, cancel: 1.5 } as const;
  return { surveys, weights: surveys.map((survey) => weight[survey.kind] / surveys.filter((s) => s.kind === survey.kind).length) };
}

const reasonMixes = new WeakMap<Survey, Map<Plan | undefined, { reasons: string[]; weights: number[] }>>();

/** A survey's reasons and how often each is given: earlier ones more; self-managed customers miss features more. */
function reasonMix(survey: Survey & { reasons: { id: string }[] }, plan: Plan | undefined): { reasons: string[]; weights: number[] } {
  let byPlan = reasonMixes.get(survey);
  if (!byPlan) reasonMixes.set(survey, (byPlan = new Map()));
  let mix = byPlan.get(plan);
  if (!mix) {
    const reasons = survey.reasons.map((reason) => reason.id);
    const weights = reasons.map((id, index) => (reasons.length - index) * (plan === 'self-managed' && id.includes('feature') ? 3 : 1));
    byPlan.set(plan, (mix = { reasons, weights }));
  }
  return mix;
}

const channelsByOwner = new WeakMap<Owner, AlertDoc['channel'][]>();

/** The channels the collector alerts an owner on without an SMTP transport (which the seed cannot assume). */
function ownerChannelList(owner: Owner): AlertDoc['channel'][] {
  let channels = channelsByOwner.get(owner);
  if (!channels) channelsByOwner.set(owner, (channels = ownerChannels(owner, { email: false })));
  return channels;
}

function triageOf(random: Random, owner: string | undefined, owners: readonly string[], receivedAt: Date, now: Date): Triage {
  const ageDays = (now.getTime() - receivedAt.getTime()) / DAY_MS;
  const progress = Math.min(1, ageDays / 60); // older answers have been looked at more often
  const status = random.weighted(['new', 'acknowledged', 'actioned', 'closed'] as const, [
    1 - 0.6 * progress,
    0.25 * progress + 0.05,
    0.15 * progress,
    0.25 * progress,
  ]);
  if (status === 'new') return { status, tags: [], history: [] };
  const actor = owner ?? 'admin';
  const at = new Date(Math.min(now.getTime() - 1, receivedAt.getTime() + (1 + random.int(72)) * 3_600_000));
  const reassigned = random.chance(0.05) && owners.length > 1 ? owners.find((o) => o !== owner) : undefined;
  const tags = random.chance(0.6) ? [random.pick(TAGS)] : [];
  const issueUrl = status === 'actioned' || (status === 'closed' && random.chance(0.5)) ? `https://github.com/example/app/issues/${1000 + random.int(9000)}` : undefined;
  return {
    status,
    ...(reassigned && { owner: reassigned }),
    ...(issueUrl && { issueUrl }),
    tags,
    history: [
      {
        at,
        actor,
        changes: { status, ...(reassigned && { owner: reassigned }), ...(issueUrl && { issueUrl }), ...(tags.length > 0 && { tags }) },
      },
    ],
  };
}

/**
 * Each channel's alert: delivered a moment after the answer, except a few (0.2%) whose receiver kept
 * failing. Those are left pending, due since the answer; `failPendingAlerts` then takes them through the
 * outbox's own protocol (claim, record a failed attempt), as the outbox would have after its retries.
 */
function alertsFor(random: Random, responseId: string, owner: Owner, receivedAt: Date, now: Date): AlertDoc[] {
  return ownerChannelList(owner).map((channel): AlertDoc => {
    const base = { _id: random.timeOrderedUuid(receivedAt), responseId, ownerId: owner.id, channel, nextAttemptAt: receivedAt, createdAt: receivedAt };
    if (random.chance(0.002)) return { ...base, status: 'pending', attempts: 0 };
    const deliveredAt = new Date(Math.min(now.getTime() - 1, receivedAt.getTime() + 200 + random.int(3000)));
    return { ...base, status: 'delivered', attempts: 1, deliveredAt };
  });
}

/** The answers, oldest first, each with the alerts routing gives it. */
export function* seedResponses(options: SeedOptions): Generator<SeededResponse> {
  const { config, responses: count, days, now } = options;
  const random = new Random(options.seed);
  const mix = surveyMix(config);
  const owners = new Map(config.owners.map((owner) => [owner.id, owner]));
  const ownerIds = config.owners.map((owner) => owner.id);
  const users = userCount(options);
  const span = days * DAY_MS;
  const start = now.getTime() - span;
  for (let i = 0; i < count; i += 1) {
    const t = (i + random.next()) / count;
    const receivedAt = new Date(Math.floor(start + t * span));
    const day = receivedAt.toISOString().slice(0, 10);
    const dayIndex = Math.floor(t * days);
    const survey = random.weighted(mix.surveys, mix.weights);
    const user = random.int(users);
    const plan: Plan | undefined = survey.kind === 'uninstall' && random.chance(0.5) ? undefined : random.weighted(PLANS, PLAN_WEIGHTS);

    const answers: ResponseDoc['answers'] = {};
    let category: NpsCategory | undefined;
    let locale = 'en';
    if (survey.kind === 'csat') {
      // Mostly satisfied, a low score in one of eight.
      answers.score = random.weighted([1, 2, 3, 4, 5], [1, 1, 2, 6, 5]);
      if (random.chance(answers.score <= 2 ? 0.5 : 0.15)) [locale, answers.comment] = drawComment(random, TONES[answers.score <= 2 ? 'detractor' : 'promoter']);
      else locale = random.weighted(LOCALES, LOCALE_WEIGHTS);
    } else if (survey.kind === 'nps') {
      answers.score = drawScore(random, trendNps(plan, t, dayIndex));
      category = npsCategory(answers.score);
      if (random.chance(COMMENT_RATE[category])) [locale, answers.comment] = drawComment(random, TONES[category]);
      else locale = random.weighted(LOCALES, LOCALE_WEIGHTS);
    } else {
      const { reasons, weights } = reasonMix(survey, plan);
      if (survey.kind === 'cancel') answers.reason = random.weighted(reasons, weights);
      else {
        const first = random.weighted(reasons, weights);
        const second = random.chance(0.3) ? random.pick(reasons) : first;
        answers.reasons = second === first ? [first] : [first, second];
      }
      if (random.chance(0.4)) [locale, answers.comment] = random.chance(0.02) ? ['en', random.pick(HOSTILE)] : random.pick(REASON_COMMENTS);
    }

    const installId = survey.kind === 'uninstall' ? random.uuid() : undefined;
    const versionIndex = Math.min(EXTENSION_VERSIONS.length - 1, Math.floor(t * EXTENSION_VERSIONS.length + random.next() * 1.5));
    const context: ResponseDoc['context'] = {
      ...(plan && { plan }),
      url: survey.kind === 'nps' ? 'https://app.example.com/editor' : survey.kind === 'cancel' ? 'https://billing.example.com/cancel' : undefined,
      locale,
      ...(installId && { installId, extensionVersion: EXTENSION_VERSIONS[versionIndex] }),
      userAgent: random.pick(BROWSERS),
    };
    if (context.url === undefined) delete context.url;
    const respondent: ResponseDoc['respondent'] =
      survey.kind === 'uninstall' ? { anonymousId: installId } : { userId: userId(user), accountId: `acct_${Math.floor(user / 12)}` };

    const id = random.timeOrderedUuid(receivedAt);
    const routing = routeResponse(
      config,
      { surveyId: survey.id, kind: survey.kind, productArea: survey.productArea, plan, category, score: answers.score, comment: answers.comment },
      receivedAt,
    );
    const owner = routing.status === 'routed' && routing.owner ? owners.get(routing.owner) : undefined;
    const response: ResponseDoc = {
      _id: id,
      submissionId: random.uuid(),
      projectKey: survey.project,
      surveyId: survey.id,
      kind: survey.kind,
      productArea: survey.productArea,
      answers,
      ...(category && { category }),
      hasComment: answers.comment !== undefined,
      respondent,
      context,
      ...(plan && { plan }),
      receivedAt,
      day,
      routing,
      triage: routing.status === 'skipped' ? { status: 'new', tags: [], history: [] } : triageOf(random, owner?.id, ownerIds, receivedAt, now),
    };
    yield { response, alerts: owner ? alertsFor(random, id, owner, receivedAt, now) : [] };
  }
}

/** Displays (shown, dismissed, snoozed), oldest first, of the NPS prompts mostly, to the same people. */
export function* seedDisplays(options: SeedOptions): Generator<DisplayDoc> {
  const { config, displays: count, days, now } = options;
  const random = new Random(options.seed ^ 0x5eed);
  const surveys = config.surveys.filter((survey) => survey.active);
  const weights = surveys.map((survey) => (survey.kind === 'nps' ? 8 : 1));
  const users = userCount(options);
  const span = days * DAY_MS;
  const start = now.getTime() - span;
  for (let i = 0; i < count; i += 1) {
    const survey = random.weighted(surveys, weights);
    const at = new Date(Math.floor(start + ((i + random.next()) / count) * span));
    const person = random.chance(0.9) ? { userId: userId(random.int(users)) } : { anonymousId: random.uuid() };
    yield {
      _id: random.uuid(),
      projectKey: survey.project,
      surveyId: survey.id,
      event: random.weighted(EVENTS, EVENT_WEIGHTS),
      ...person,
      at,
    };
  }
}
