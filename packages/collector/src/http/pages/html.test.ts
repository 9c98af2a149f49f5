import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, SafeHtml } from './html.ts';

describe('html', () => {
  it('escapes interpolated text but not nested html', () => {
    const comment = '<img src=x onerror="alert(1)"> & \'quotes\'';
    const out = html`<p title="${comment}">${comment}${html`<b>ok</b>`}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quotes&#39;<b>ok</b></p>',
    );
  });

  it('renders arrays, numbers and skips empty values', () => {
    expect(html`${[1, '<', html`<i></i>`]}${undefined}${null}${false}${0}`.value).toBe('1&lt;<i></i>0');
  });

  it('escapes all five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('jsonForScript', () => {
  it('cannot end the script element early and still parses to the same value', () => {
    const value = { installId: '</script><script>alert(1)</script>', note: '<!-- & \u2028' };
    const json = jsonForScript(value).value;
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
