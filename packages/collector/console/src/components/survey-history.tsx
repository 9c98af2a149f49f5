import { formatDateTime } from '../dates.ts';
import { describeSettings, type SettingsChangeView } from '../survey-form.ts';

export interface SurveyHistoryProps {
  changes: SettingsChangeView[];
}

/** Every change of a survey's settings, newest first: when, who, and what it set. */
export function SurveyHistory({ changes }: SurveyHistoryProps) {
  if (changes.length === 0) return <p class="empty">Never changed in the console: the config file's definition is served.</p>;
  return (
    <ol class="history survey-history">
      {changes.map((change) => (
        <li key={change.version}>
          <time dateTime={change.at}>{formatDateTime(change.at)}</time> · {change.actor}
          <ul>
            {describeSettings(change.settings).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
