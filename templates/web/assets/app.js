// Witness web app: progressive enhancement only. Every page works without this script.
(function () {
  'use strict';

  // Parts of a page that update themselves (a dossier being rendered): the element names a
  // URL that answers with its new HTML; polling stops once the new HTML names none.
  function poll(el) {
    var url = el.getAttribute('data-poll-url');
    if (!url) return;
    var delay = Number(el.getAttribute('data-poll-interval')) || 2000;
    setTimeout(function () {
      fetch(url, {
        headers: { 'X-Requested-With': 'fetch', Accept: 'text/html' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.text();
        })
        .then(function (html) {
          var holder = document.createElement('div');
          holder.innerHTML = html.trim();
          var next = holder.firstElementChild;
          if (!next) return;
          el.replaceWith(next);
          poll(next);
        })
        .catch(function () {
          // Keep trying, more slowly: the page still shows the last known state.
          el.setAttribute('data-poll-interval', String(Math.min(delay * 2, 30000)));
          poll(el);
        });
    }, delay);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-poll-url]').forEach(poll);

    // Ask before destructive actions.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
      });
    });

    // A form is sent once: its submit buttons are disabled while it is on its way.
    document.querySelectorAll('form').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (e.defaultPrevented) return;
        setTimeout(function () {
          form.querySelectorAll('button[type=submit]').forEach(function (b) {
            b.disabled = true;
          });
        }, 0);
      });
    });

    // Move focus to the error summary, so keyboard and screen-reader users hear it first.
    var summary = document.querySelector('.error-summary[tabindex]');
    if (summary) summary.focus();

    // Links and buttons that print the page.
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () {
        window.print();
      });
    });
  });
})();
