// Progressive enhancement only: every page works without this file.
(() => {
  var meta = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener('htmx:configRequest', (e) => {
    if (meta) e.detail.headers['X-CSRF-Token'] = meta.getAttribute('content');
  });
  // Error summary links move focus to the field they name.
  document.addEventListener('click', (e) => {
    var a = e.target.closest && e.target.closest('.error-summary a[href^="#"]');
    if (!a) return;
    var el = document.getElementById(a.getAttribute('href').slice(1));
    if (el) {
      e.preventDefault();
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  });
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  // Print buttons.
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('[data-print]')) window.print();
  });
})();
