// The demo billing portal's cancel flow: ask why, then cancel whatever happens. Heed fails open, and so
// does this page: if the widget cannot load or the collector is down, the cancellation still goes ahead.
const button = document.getElementById('cancel-subscription');
const mount = document.getElementById('cancel-survey');
const status = document.getElementById('cancel-status');
const LOADER_WAIT_MS = 3000;

function heedLoaded() {
  if (window.heed && typeof window.heed.show === 'function') return Promise.resolve(window.heed);
  const loader = document.querySelector('script[src$="/widget/heed.js"]');
  return new Promise((resolve) => {
    loader?.addEventListener('load', () => resolve(window.heed), { once: true });
    loader?.addEventListener('error', () => resolve(undefined), { once: true });
    setTimeout(() => resolve(window.heed), LOADER_WAIT_MS);
  });
}

button.addEventListener('click', async () => {
  button.disabled = true;
  try {
    const heed = await heedLoaded();
    await heed?.show('portal-cancel', { mount, context: { plan: 'saas' } });
  } catch {
    // The survey is optional: cancelling is not.
  }
  button.hidden = true;
  status.hidden = false;
});
