/**
 * A uPlot chart in an element, as wide as the element: built by `make(width)` whenever `inputs` change,
 * resized with the element, rebuilt when the colour scheme flips (its colours come from CSS custom
 * properties, read at build time), destroyed on unmount.
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartSpec = { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData };

export function useUplot(ref: RefObject<HTMLElement>, make: (width: number) => ChartSpec, inputs: unknown[]): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let chart: uPlot | undefined;
    let frame = 0;
    const build = () => {
      chart?.destroy();
      const width = element.clientWidth;
      const { options, data } = make(width);
      chart = new uPlot({ ...options, width }, data, element);
    };
    build();
    let width = element.clientWidth;
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (element.clientWidth === width || !chart) return;
        width = element.clientWidth;
        // Axis ticks depend on the width: rebuild rather than stretch.
        build();
      });
    });
    resize.observe(element);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      scheme.removeEventListener('change', build);
      chart?.destroy();
    };
  }, inputs); // the caller names what `make` depends on
}

/** A colour from the console's palette (`--name` on the root), for canvas drawing. */
export function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim() || '#888';
}

/** The n-th colour of the categorical series palette. */
export function seriesColor(index: number): string {
  return cssColor(`series-${(index % SERIES_COLORS) + 1}`);
}

export const SERIES_COLORS = 8;

/** Axis styling shared by every chart: the palette's text and grid colours, the console's font. */
export function axisStyle(): Pick<uPlot.Axis, 'stroke' | 'grid' | 'ticks' | 'font'> {
  const line = cssColor('line');
  return { stroke: cssColor('muted'), grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 }, font: '12px system-ui, sans-serif' };
}
