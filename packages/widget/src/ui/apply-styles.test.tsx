import { describe, expect, it } from 'vitest';
import { applyStyles } from './apply-styles.ts';

describe('applyStyles', () => {
  it('adopts one shared constructable stylesheet', () => {
    const first = document.createElement('div').attachShadow({ mode: 'open' });
    const second = document.createElement('div').attachShadow({ mode: 'open' });
    applyStyles(first, '.panel { color: red }');
    applyStyles(second, '.panel { color: red }');
    expect(first.adoptedStyleSheets).toHaveLength(1);
    expect(second.adoptedStyleSheets[0]).toBe(first.adoptedStyleSheets[0]);
    expect(first.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> carrying the nonce where constructable stylesheets are missing', () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    // A root as old engines have it: no adoptedStyleSheets.
    const legacy = new Proxy(root, { has: (target, key) => key !== 'adoptedStyleSheets' && key in target });
    applyStyles(legacy, '.panel { color: red }', 'r4nd0m');
    const style = root.querySelector('style')!;
    expect(style.textContent).toBe('.panel { color: red }');
    expect(style.nonce).toBe('r4nd0m');
    expect(document.head.querySelector('style')).toBeNull();
  });
});
