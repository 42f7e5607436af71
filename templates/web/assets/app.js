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

  // Uploads (documents). The form works without this script: it posts, and the server answers
  // with the next page. Here the file input (still the real control, for the keyboard and
  // screen readers) gets a drop zone around it, and the upload a progress bar fed by
  // XMLHttpRequest. The server answers the script 201 with the address to go to, or the same
  // page it would show after a plain post (a refusal next to the form): its <main> replaces
  // this one, with the chosen file kept so "Upload anyway" needs no new choice.
  function uploadMessage(form, name, params) {
    var text = form.getAttribute('data-msg-' + name) || '';
    Object.keys(params || {}).forEach(function (k) {
      text = text.split('{' + k + '}').join(String(params[k]));
    });
    return text;
  }

  function fileSize(bytes) {
    if (bytes < 1024) return bytes + ' bytes';
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + ' KB';
    var mb = bytes / (1024 * 1024);
    return (mb < 10 ? mb.toFixed(1) : String(Math.round(mb))) + ' MB';
  }

  function enhanceUploads(root) {
    root.querySelectorAll('form[data-upload]').forEach(function (form) {
      var input = form.querySelector('input[type=file]');
      var zone = form.querySelector('[data-drop-zone]');
      if (!input || !zone || form.hasAttribute('data-enhanced')) return;
      form.setAttribute('data-enhanced', '');
      var chosen = zone.querySelector('[data-chosen]');
      var prompt = zone.querySelector('[data-drop-prompt]');
      if (prompt) prompt.hidden = false;
      zone.classList.add('doc-drop--ready');

      function describe() {
        var file = input.files && input.files[0];
        if (chosen) {
          chosen.textContent = file
            ? uploadMessage(form, 'chosen', { name: file.name, size: fileSize(file.size) })
            : '';
        }
      }
      input.addEventListener('change', describe);
      ['dragenter', 'dragover'].forEach(function (type) {
        zone.addEventListener(type, function (e) {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          zone.classList.add('doc-drop--over');
        });
      });
      zone.addEventListener('dragleave', function (e) {
        if (!zone.contains(e.relatedTarget)) zone.classList.remove('doc-drop--over');
      });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        zone.classList.remove('doc-drop--over');
        var files = e.dataTransfer && e.dataTransfer.files;
        if (!files || !files.length) return;
        if (files.length > 1) {
          if (chosen) chosen.textContent = uploadMessage(form, 'one-file');
          return;
        }
        input.files = files;
        describe();
      });
      describe();
      form.addEventListener('submit', function (e) {
        sendUpload(e, form, input);
      });
    });
  }

  function uploadRefused(form, input, message) {
    var error = form.querySelector('[data-file-error]');
    if (error) error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.closest('.field').classList.add('field--error');
    input.focus();
  }

  function sendUpload(e, form, input) {
    if (e.defaultPrevented || !window.FormData || !window.XMLHttpRequest) return;
    var file = input.files && input.files[0];
    var max = Number(form.getAttribute('data-max-bytes'));
    e.preventDefault();
    // Too large is known before a byte is sent (the server refuses it too).
    if (file && max && file.size > max) {
      uploadRefused(form, input, uploadMessage(form, 'too-large'));
      return;
    }
    var data = new window.FormData(form);
    if (e.submitter && e.submitter.name) data.append(e.submitter.name, e.submitter.value);
    // The file last: the fields before it are read even when the file is refused midway.
    if (file) {
      data.delete('file');
      data.append('file', file, file.name);
    }
    var files = input.files;
    var box = form.querySelector('[data-progress]');
    var bar = box && box.querySelector('progress');
    var status = form.querySelector('[data-progress-text]');
    var buttons = form.querySelectorAll('button[type=submit]');
    var lastPercent = -1;
    function show(percent) {
      if (bar) bar.value = percent;
      // Announce in steps of 10%, not every event.
      if (status && Math.floor(percent / 10) !== Math.floor(lastPercent / 10)) {
        status.textContent = uploadMessage(form, 'progress', { percent: percent });
      }
      lastPercent = percent;
    }
    function done() {
      buttons.forEach(function (b) {
        b.disabled = false;
      });
    }
    function failed() {
      done();
      if (box) box.hidden = true;
      if (status) status.textContent = '';
      uploadRefused(form, input, uploadMessage(form, 'failed'));
    }
    buttons.forEach(function (b) {
      b.disabled = true;
    });
    if (box) box.hidden = false;
    show(0);

    var xhr = new window.XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.responseType = 'document';
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (token) xhr.setRequestHeader('X-CSRF-Token', token.getAttribute('content'));
    xhr.upload.addEventListener('progress', function (ev) {
      if (ev.lengthComputable && ev.total) show(Math.round((ev.loaded / ev.total) * 100));
    });
    xhr.upload.addEventListener('load', function () {
      show(100);
      if (status) status.textContent = uploadMessage(form, 'checking');
    });
    xhr.addEventListener('load', function () {
      var next = xhr.getResponseHeader('Location');
      if (xhr.status === 201 && next && next.indexOf('/app/') === 0) {
        window.location.assign(next);
        return;
      }
      // Sent elsewhere (the session ended: the sign-in page): go there.
      var landed = xhr.responseURL ? new window.URL(xhr.responseURL) : null;
      if (landed && landed.pathname !== new window.URL(form.action).pathname) {
        window.location.assign(landed.href);
        return;
      }
      var doc = xhr.response;
      var main = doc && doc.querySelector && doc.querySelector('main');
      if (!main) {
        failed();
        return;
      }
      var fresh = document.importNode(main, true);
      document.querySelector('main').replaceWith(fresh);
      if (doc.title) document.title = doc.title;
      var again = fresh.querySelector('form[data-upload] input[type=file]');
      if (again && files && files.length) {
        try {
          again.files = files;
        } catch {
          // An older browser: the person chooses the file again.
        }
      }
      enhanceUploads(fresh);
      var summary = fresh.querySelector('.error-summary[tabindex]');
      if (summary) summary.focus();
    });
    xhr.addEventListener('error', failed);
    xhr.addEventListener('abort', failed);
    xhr.send(data);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-poll-url]').forEach(poll);
    enhanceUploads(document);

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
