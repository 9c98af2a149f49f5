import { formatCount, share } from '../format.ts';
import { StackedBars, type Stack } from './stacked-bars.tsx';

export interface ReasonsPanelProps {
  title: string;
  /** Category labels along the x axis (months, versions). */
  categories: string[];
  /** What a category is, for the table: "Month", "Version". */
  categoryName: string;
  reasons: { id: string; label: string; color: string }[];
  /** counts[category][reason id] */
  counts: Record<string, number>[];
  /** Answers per category (an uninstall answer may give several reasons). */
  answers: number[];
  max: number;
}

/** One plan's (or one view's) reasons: stacked bars with a legend of totals, the numbers in a table below. */
export function ReasonsPanel({ title, categories, categoryName, reasons, counts, answers, max }: ReasonsPanelProps) {
  const total = answers.reduce((sum, n) => sum + n, 0);
  const stacks: Stack[] = reasons.map((reason) => ({ label: reason.label, color: reason.color, values: counts.map((row) => row[reason.id] ?? 0) }));
  const reasonTotal = (id: string) => counts.reduce((sum, row) => sum + (row[id] ?? 0), 0);
  const id = `panel-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure class="panel" aria-labelledby={id}>
      <figcaption id={id} class="panel-title">
        {title}: {formatCount(total)} {total === 1 ? 'answer' : 'answers'}
      </figcaption>
      {total === 0 ? (
        <p class="empty">No answers in this period.</p>
      ) : (
        <>
          <StackedBars categories={categories} stacks={stacks} max={max} />
          <ul class="key">
            {reasons.map((reason) => (
              <li key={reason.id}>
                <span class={`swatch ${reason.color}`} aria-hidden="true" /> {reason.label} <span class="count">{formatCount(reasonTotal(reason.id))}</span>
              </li>
            ))}
          </ul>
          <details>
            <summary>Numbers</summary>
            <table class="numbers compact">
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{categoryName}</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Count</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {categories.flatMap((category, index) =>
                  reasons
                    .filter((reason) => (counts[index]![reason.id] ?? 0) > 0)
                    .map((reason) => (
                      <tr key={`${category}-${reason.id}`}>
                        <th scope="row">{category}</th>
                        <td class="text">{reason.label}</td>
                        <td>{formatCount(counts[index]![reason.id]!)}</td>
                        <td>{share(counts[index]![reason.id]!, answers[index]!)}</td>
                      </tr>
                    )),
                )}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
