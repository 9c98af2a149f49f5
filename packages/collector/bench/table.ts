/** One markdown table: what was measured, the figure, its target, and whether it was met. */
export type Row = [measure: string, figure: string, target: string, verdict: string];

export function renderTable(rows: readonly Row[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    '| measure | figure | target | |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
