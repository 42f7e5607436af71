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
  // A message the server put on an element (`data-msg-<name>`, from the locale files), with
  // its `{param}`s filled in.
  function dataMessage(el, name, params) {
    var text = el.getAttribute('data-msg-' + name) || '';
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
            ? dataMessage(form, 'chosen', { name: file.name, size: fileSize(file.size) })
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
          if (chosen) chosen.textContent = dataMessage(form, 'one-file');
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
      uploadRefused(form, input, dataMessage(form, 'too-large'));
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
        status.textContent = dataMessage(form, 'progress', { percent: percent });
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
      uploadRefused(form, input, dataMessage(form, 'failed'));
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
      if (status) status.textContent = dataMessage(form, 'checking');
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

  // Typeahead pickers (templates/web/partials/picker.hbs, docs/web/picker.md). Without this
  // script a picker is a search box whose Search button sends the form back to its page,
  // which lists the matches. Here the box becomes a WAI-ARIA 1.2 combobox: as the person
  // types, /app/pick/<source> is asked (debounced) and the matches fill a listbox; the arrow
  // keys, Home and End move among them, Enter chooses, Escape closes. Choices are chips, each
  // with a hidden input under the field's own name (what the form posts) and a Remove button.
  var pickerSeq = 0;

  function enhancePickers(root) {
    root.querySelectorAll('[data-picker]').forEach(function (box) {
      // A page sent back by a search without the script keeps its matches as they are.
      if (box.hasAttribute('data-enhanced') || box.querySelector('[data-picker-results]')) return;
      var input = box.querySelector('input[type=search]');
      var chips = box.querySelector('.picker__chips');
      if (!input || !chips || !window.fetch) return;
      box.setAttribute('data-enhanced', '');
      makePicker(box, input, chips);
    });
  }

  function makePicker(box, input, chips) {
    var n = ++pickerSeq;
    var name = box.getAttribute('data-picker-name');
    var url = box.getAttribute('data-picker-url');
    var multiple = box.hasAttribute('data-picker-multiple');
    var required = box.hasAttribute('data-picker-required');
    var exclude = (box.getAttribute('data-picker-exclude') || '').split(' ');
    var empty = box.querySelector('.picker__empty');
    var label = box.querySelector('label[for="' + input.id + '"]');
    var base = input.id || 'picker-' + n;
    var options = [];
    // The text the matches in `options` were found for.
    var shownFor = null;
    var active = -1;
    var timer = null;
    var asked = 0;

    var go = box.querySelector('[data-picker-search]');
    if (go) go.remove();
    var list = document.createElement('ul');
    list.id = base + '-listbox';
    list.className = 'picker__listbox';
    list.setAttribute('role', 'listbox');
    if (label) {
      if (!label.id) label.id = base + '-label';
      list.setAttribute('aria-labelledby', label.id);
    }
    list.hidden = true;
    input.parentNode.appendChild(list);
    var status = document.createElement('p');
    status.className = 'picker__status';
    status.id = base + '-status';
    status.setAttribute('role', 'status');
    input.parentNode.parentNode.insertBefore(status, input.parentNode.nextSibling);
    var how = document.createElement('span');
    how.className = 'sr-only';
    how.id = base + '-how';
    how.textContent = dataMessage(box, 'how');
    box.appendChild(how);

    input.removeAttribute('name');
    input.setAttribute('type', 'text');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute(
      'aria-describedby',
      ((input.getAttribute('aria-describedby') || '') + ' ' + how.id).trim(),
    );

    chips.querySelectorAll('.picker__chip').forEach(function (chip) {
      var button = chip.querySelector('button');
      if (button) readyRemove(chip, button);
    });

    function say(text) {
      status.textContent = text;
    }

    function chosenIds() {
      var ids = [];
      chips.querySelectorAll('input[type=hidden]').forEach(function (h) {
        ids.push(h.value);
      });
      return ids;
    }

    function isOpen() {
      return !list.hidden;
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function activate(i) {
      var items = list.querySelectorAll('[role=option]');
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (item, j) {
        item.setAttribute('aria-selected', j === active ? 'true' : 'false');
      });
      input.setAttribute('aria-activedescendant', items[active].id);
      if (items[active].scrollIntoView) items[active].scrollIntoView({ block: 'nearest' });
    }

    function render(found, more, then, q) {
      shownFor = q;
      var taken = chosenIds();
      options = found.filter(function (o) {
        return taken.indexOf(o.id) < 0 && exclude.indexOf(o.id) < 0;
      });
      list.textContent = '';
      options.forEach(function (o, i) {
        var item = document.createElement('li');
        item.id = base + '-option-' + i;
        item.className = 'picker__option';
        item.setAttribute('role', 'option');
        item.setAttribute('aria-selected', 'false');
        var text = document.createElement('span');
        text.className = 'picker__label';
        text.textContent = o.label;
        item.appendChild(text);
        if (o.hint) {
          var hint = document.createElement('span');
          hint.className = 'picker__hint';
          hint.textContent = o.hint;
          item.appendChild(hint);
        }
        item.addEventListener('click', function () {
          choose(i);
        });
        list.appendChild(item);
      });
      if (!options.length) {
        close();
        say(dataMessage(box, 'none'));
        return;
      }
      open();
      var count = { count: options.length };
      say(dataMessage(box, more ? 'more' : options.length === 1 ? 'one' : 'many', count));
      if (then === 'first') activate(0);
      if (then === 'last') activate(options.length - 1);
    }

    function search(then) {
      window.clearTimeout(timer);
      var q = input.value.trim();
      var mine = ++asked;
      var address = url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q);
      fetch(address, {
        headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (res) {
          if (res.status === 400) return { data: [], invalid: true };
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (body) {
          if (mine !== asked) return;
          if (body.invalid) {
            close();
            say(dataMessage(box, 'letters'));
            return;
          }
          render(body.data || [], !!body.more, then, q);
        })
        .catch(function () {
          if (mine !== asked) return;
          close();
          say(dataMessage(box, 'failed'));
        });
    }

    function readyRemove(chip, button) {
      button.type = 'button';
      button.removeAttribute('name');
      button.removeAttribute('value');
      button.removeAttribute('formnovalidate');
      button.addEventListener('click', function () {
        removeChip(chip);
      });
    }

    function addChip(o) {
      var chip = document.createElement('li');
      chip.className = 'picker__chip';
      chip.setAttribute('data-picker-value', o.id);
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = name;
      hidden.value = o.id;
      chip.appendChild(hidden);
      var text = document.createElement('span');
      text.className = 'picker__label';
      text.textContent = o.label;
      chip.appendChild(text);
      if (o.hint) {
        chip.appendChild(document.createTextNode(' '));
        var hint = document.createElement('span');
        hint.className = 'picker__hint';
        hint.textContent = o.hint;
        chip.appendChild(hint);
      }
      if (multiple || !required) {
        var button = document.createElement('button');
        button.className = 'picker__remove';
        button.textContent = dataMessage(box, 'remove');
        button.setAttribute('aria-label', dataMessage(box, 'remove-named', { label: o.label }));
        chip.appendChild(document.createTextNode(' '));
        chip.appendChild(button);
        readyRemove(chip, button);
      }
      chips.appendChild(chip);
      chips.hidden = false;
      if (empty) empty.hidden = true;
    }

    function removeChip(chip) {
      var all = Array.prototype.slice.call(chips.querySelectorAll('.picker__chip'));
      var at = all.indexOf(chip);
      var text = chip.querySelector('.picker__label');
      chip.remove();
      var rest = chips.querySelectorAll('.picker__chip button');
      if (!rest.length) {
        chips.hidden = true;
        if (empty) empty.hidden = false;
        input.focus();
      } else {
        rest[Math.min(at, rest.length - 1)].focus();
      }
      say(dataMessage(box, 'removed', { label: text ? text.textContent : '' }));
    }

    function choose(i) {
      var o = options[i];
      if (!o) return;
      // A search still waiting (or on its way) is for text that is gone now.
      window.clearTimeout(timer);
      asked++;
      if (!multiple) {
        chips.querySelectorAll('.picker__chip').forEach(function (chip) {
          chip.remove();
        });
      }
      addChip(o);
      input.value = '';
      options = [];
      list.textContent = '';
      close();
      input.focus();
      say(dataMessage(box, 'added', { label: o.label }));
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      if (input.value.trim() === '') {
        asked++;
        close();
        say('');
        return;
      }
      timer = setTimeout(search, 250);
    });

    input.addEventListener('keydown', function (e) {
      var key = e.key;
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        e.preventDefault();
        var step = key === 'ArrowDown' ? 1 : -1;
        if (isOpen()) activate(active < 0 && step < 0 ? options.length - 1 : active + step);
        else if (options.length && shownFor === input.value.trim()) {
          open();
          activate(step > 0 ? 0 : options.length - 1);
        } else search(step > 0 ? 'first' : 'last');
      } else if ((key === 'Home' || key === 'End') && isOpen() && active >= 0) {
        e.preventDefault();
        activate(key === 'Home' ? 0 : options.length - 1);
      } else if (key === 'Enter') {
        if (isOpen() && active >= 0) {
          e.preventDefault();
          choose(active);
        } else if (input.value.trim() !== '') {
          // Enter in a search that has not been chosen from searches; it never sends the form.
          e.preventDefault();
          search('first');
        }
      } else if (key === 'Escape') {
        if (isOpen()) {
          e.preventDefault();
          close();
        } else if (input.value !== '') {
          e.preventDefault();
          window.clearTimeout(timer);
          asked++;
          input.value = '';
          say('');
        }
      } else if (key === 'Tab') {
        close();
      }
    });

    input.addEventListener('blur', function () {
      setTimeout(function () {
        if (document.activeElement !== input) close();
      }, 150);
    });

    // A click on a match must not take the focus from the box first.
    list.addEventListener('mousedown', function (e) {
      e.preventDefault();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-poll-url]').forEach(poll);
    enhanceUploads(document);
    enhancePickers(document);

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

    // Focus starts on the first field to correct (the summary above it is announced as an
    // alert); on the summary itself when no field is named.
    var summary = document.querySelector('.error-summary[tabindex]');
    var invalid = document.querySelector('[autofocus], [aria-invalid="true"]');
    if (summary && invalid) invalid.focus();
    else if (summary) summary.focus();

    // Links and buttons that print the page.
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () {
        window.print();
      });
    });

    // Fields only some kinds need (data-for-kinds: the kinds, space-separated) show only while
    // the form's kind is one of them. Without the script they are always shown.
    document.querySelectorAll('[data-for-kinds]').forEach(function (box) {
      var form = box.closest('form');
      var kind = form && form.elements.namedItem('kind');
      if (!kind || !kind.addEventListener) return;
      var kinds = (box.getAttribute('data-for-kinds') || '').split(' ');
      var update = function () {
        box.hidden = kinds.indexOf(kind.value) < 0;
      };
      kind.addEventListener('change', update);
      update();
    });
  });
})();
