let shared: CSSStyleSheet | undefined;

/**
 * Style a shadow root without touching the host's <head>: one constructable stylesheet shared by every
 * survey, or, where those are unsupported, a <style> inside the root carrying the host's CSP nonce.
 */
export function applyStyles(root: ShadowRoot, css: string, nonce?: string): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    }
    root.adoptedStyleSheets = [shared];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.prepend(style);
}
