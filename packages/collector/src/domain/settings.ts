/**
 * Settings edited in the console while collectors run (surveys, and the owners, routes and rotation): each collector holds the effective config (the file's
 * config with the stored settings applied, effective-config.ts), re-reads it when the store's settings
 * version moves (polled every few seconds, and right after a change made here), and tells its listeners
 * (the public survey list's cache) when it changed.
 */
import type { HeedConfig, Owner, RoutingSettings, RoutingSettingsBody, SurveySettings } from '@heed/shared';
import { errors } from '../errors.ts';
import { ROUTING_SUBJECT, type SettingsChange, type SettingsRepository } from '../store/settings-repository.ts';
import { effectiveConfig, routingProblems, withRouting, withSettings, type EffectiveConfig } from './effective-config.ts';

/** How often a collector looks at the settings version, by default. */
export const DEFAULT_SETTINGS_POLL_MS = 3000;

export interface LiveSettingsOptions {
  file: HeedConfig;
  settings: SettingsRepository;
  /** Told when a poll fails (the store is down); the last effective config stays. */
  onPollError?: (error: unknown) => void;
}

export class LiveSettings {
  readonly #file: HeedConfig;
  readonly #settings: SettingsRepository;
  readonly #onPollError: (error: unknown) => void;
  #effective: EffectiveConfig;
  #refreshing: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners = new Set<(effective: EffectiveConfig) => void>();

  constructor({ file, settings, onPollError = () => {} }: LiveSettingsOptions) {
    this.#file = file;
    this.#settings = settings;
    this.#onPollError = onPollError;
    this.#effective = effectiveConfig(file, 0, []);
  }

  /** The config file's config, before any setting. */
  get file(): HeedConfig {
    return this.#file;
  }

  /** The effective config now. */
  get config(): HeedConfig {
    return this.#effective.config;
  }

  get effective(): EffectiveConfig {
    return this.#effective;
  }

  /** Calls `listener` after each change of the effective config; answers a function that stops it. */
  onChange(listener: (effective: EffectiveConfig) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Re-reads the settings if their version moved; `true` when the effective config changed. Calls never overlap. */
  refresh(): Promise<boolean> {
    if (this.#refreshing) return this.#refreshing.then(() => this.refresh());
    const run = this.#read().finally(() => {
      this.#refreshing = undefined;
    });
    this.#refreshing = run;
    return run;
  }

  async #read(): Promise<boolean> {
    const version = await this.#settings.version();
    if (version === this.#effective.version) return false;
    const current = await this.#settings.current();
    this.#effective = effectiveConfig(this.#file, current.version, current.changes);
    for (const listener of this.#listeners) listener(this.#effective);
    return true;
  }

  /** Polls the version every `everyMs` until `stop()`. */
  start(everyMs = DEFAULT_SETTINGS_POLL_MS): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.refresh().catch(this.#onPollError);
    }, everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Replaces a survey's settings (a field left out takes the file's value again), after checking that the
   * result is a valid survey; stores the change with its actor and time, then re-reads.
   */
  async save(surveyId: string, settings: SurveySettings, actor: string, at: Date, basedOn?: number): Promise<SettingsChange> {
    const file = this.#file.surveys.find((survey) => survey.id === surveyId);
    if (!file) throw new errors.notFound(`survey "${surveyId}"`);
    await this.#assertBasedOn(surveyId, basedOn, `survey "${surveyId}"`);
    const applied = withSettings(file, settings);
    if ('issues' in applied) {
      const problems = applied.issues.map((issue) => `body${issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
      throw new errors.validation(`these settings do not make a valid ${file.kind} survey: ${problems.join('; ')}`);
    }
    return this.#store({ subject: surveyId, settings, actor, at }, basedOn, `survey "${surveyId}"`);
  }

  /** A survey's changes, newest first. */
  async history(surveyId: string, limit: number): Promise<SettingsChange[]> {
    if (!this.#file.surveys.some((survey) => survey.id === surveyId)) throw new errors.notFound(`survey "${surveyId}"`);
    return this.#settings.history(surveyId, limit);
  }

  /**
   * Replaces the routing settings (a part left out follows the file again), after checking that the result
   * is a valid config; an owner given without `webhookSecret` keeps the one it has now. Stores the change with
   * its actor and time, then re-reads.
   */
  async saveRouting(body: RoutingSettingsBody, actor: string, at: Date, basedOn?: number): Promise<SettingsChange> {
    await this.#assertBasedOn(ROUTING_SUBJECT, basedOn, 'the routing');
    const settings: RoutingSettings = { ...body, ...(body.owners && { owners: keepSecrets(body.owners, this.config.owners) }) } as RoutingSettings;
    const applied = withRouting(this.#file, settings);
    if ('issues' in applied) throw new errors.validation(`these settings do not make a valid config: ${routingProblems(applied.issues)}`);
    return this.#store({ subject: ROUTING_SUBJECT, settings, actor, at }, basedOn, 'the routing');
  }

  /**
   * Stores a change, then re-reads. `basedOn`: the version of the subject's latest change the editor
   * started from (0: none); when the subject has changed since, nothing is stored and the editor is told
   * who changed it, to reload and make their change again.
   */
  async #store(change: Omit<SettingsChange, 'version'>, basedOn: number | undefined, what: string): Promise<SettingsChange> {
    const stored = await this.#settings.save(change, basedOn);
    if (stored === 'changed') throw changedSince(await this.#latest(change.subject), basedOn, what);
    await this.refresh();
    return stored;
  }

  /**
   * Refuses an edit based on a version the subject has moved past before checking the edit itself: what it
   * was made against is no longer what it would change (the save checks again, atomically).
   */
  async #assertBasedOn(subject: string, basedOn: number | undefined, what: string): Promise<void> {
    if (basedOn === undefined) return;
    const latest = await this.#latest(subject);
    if ((latest?.version ?? 0) !== basedOn) throw changedSince(latest, basedOn, what);
  }

  async #latest(subject: string): Promise<SettingsChange | undefined> {
    const [latest] = await this.#settings.history(subject, 1);
    return latest;
  }

  /** The routing's changes, newest first. */
  routingHistory(limit: number): Promise<SettingsChange[]> {
    return this.#settings.history(ROUTING_SUBJECT, limit);
  }
}

/** The refusal of an edit based on `basedOn`, naming the change that replaced it. */
function changedSince(latest: SettingsChange | undefined, basedOn: number | undefined, what: string): Error {
  const by = latest ? ` (now version ${latest.version}, by ${latest.actor} at ${latest.at.toISOString()})` : '';
  return new errors.changedMeanwhile(`${what} was changed since version ${basedOn}${by}; reload it and make your change again`);
}

/** Owners as edited, each given without a webhook secret keeping the one the same owner has now. */
function keepSecrets(edited: RoutingSettingsBody['owners'] & object, current: readonly Owner[]): Owner[] {
  const secrets = new Map(current.flatMap((owner) => (owner.webhookSecret ? [[owner.id, owner.webhookSecret] as const] : [])));
  return edited.map((owner) => {
    const kept = owner.webhookSecret ?? (owner.webhookUrl ? secrets.get(owner.id) : undefined);
    return kept === undefined ? owner : { ...owner, webhookSecret: kept };
  });
}
