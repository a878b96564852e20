// Template editor: live preview as you type. Debounced; each request renders the sources in the form
// through the server's preview (the same checks as saving), so errors come back with line and column.
(function () {
  'use strict';
  var form = document.getElementById('template-form');
  if (!form || !window.tocsin) return;
  form.classList.add('js');
  var previewEl = document.getElementById('preview');
  var partsEl = document.getElementById('preview-parts');
  // the HTML is shown in a frame loaded from the server under its own policy, so the email's styles apply
  var frameSubmit = document.getElementById('frame-submit');
  var problemsEl = document.getElementById('problems');
  var stateEl = document.getElementById('preview-state');
  var testFacts = document.getElementById('test-send-facts');
  var testCustomer = document.getElementById('test-send-customer');
  var FIELDS = ['subject', 'html', 'text', 'body'];
  var timer = null;
  var seq = 0;

  function value(name) {
    var el = form.elements.namedItem(name);
    return el ? el.value : null;
  }

  function request() {
    var template = { variables: (value('variables') || '').split(/[\s,]+/).filter(Boolean) };
    FIELDS.forEach(function (f) {
      var v = value(f);
      if (v !== null && v.trim()) template[f] = v.replace(/\r\n?/g, '\n');
    });
    var facts = {};
    var factsText = (value('facts') || '').trim();
    if (factsText) {
      try {
        facts = JSON.parse(factsText);
      } catch (e) {
        return { error: 'Sample facts are not valid JSON: ' + e.message };
      }
    }
    var body = { channel: form.dataset.channel, locale: form.dataset.locale, template: template, facts: facts };
    var customer = (value('customerId') || '').trim();
    if (customer) body.customer = { externalId: customer };
    return { body: body };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showProblems(list) {
    problemsEl.textContent = '';
    FIELDS.concat(['variables']).forEach(function (f) {
      var input = form.elements.namedItem(f);
      if (input) input.removeAttribute('aria-invalid');
    });
    if (!list.length) return;
    var box = el('div', 'error');
    box.setAttribute('role', 'alert');
    box.appendChild(el('p', '', list.length + ' problem(s):'));
    var ul = el('ul', 'problems');
    list.forEach(function (p) {
      var field = (p.field || p.path || '').split('.')[0];
      if (field === 'template') field = (p.path || '').split('.')[1] || field;
      var li = el('li');
      var where = (field || 'template') + (p.line ? ', line ' + p.line + ', column ' + p.column : '');
      li.appendChild(el('strong', '', where + ':'));
      li.appendChild(document.createTextNode(' ' + p.message));
      var input = field && form.elements.namedItem(field);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        var line = p.line ? input.value.replace(/\r\n?/g, '\n').split('\n')[p.line - 1] : undefined;
        if (line !== undefined) li.appendChild(el('pre', 'excerpt', line + '\n' + new Array(Math.max(0, p.column - 1) + 1).join(' ') + '^'));
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    problemsEl.appendChild(box);
  }

  function showPreview(r) {
    previewEl.textContent = '';
    partsEl.textContent = '';
    var subject = r.subject || r.title;
    if (subject) {
      var p = el('p');
      p.appendChild(el('span', 'label', r.title ? 'Title' : 'Subject'));
      p.appendChild(document.createTextNode(' '));
      var s = el('span', '', subject);
      s.id = 'preview-subject';
      p.appendChild(s);
      previewEl.appendChild(p);
    }
    if (r.sms) {
      var size = el('p', 'sms-size', r.sms.characters + ' characters · ' + r.sms.encoding + ' · ');
      size.id = 'sms-size';
      size.appendChild(el('strong', '', r.sms.segments + ' segment(s)'));
      previewEl.appendChild(size);
    }
    if (r.html && frameSubmit) form.requestSubmit(frameSubmit);
    if (r.text) {
      var t = el('pre', 'preview-text', r.text);
      t.id = 'preview-text';
      partsEl.appendChild(t);
    }
    if (r.body !== undefined) partsEl.appendChild(el('pre', 'preview-text', JSON.stringify(r.body, null, 2)));
  }

  // a fact declared in the variables gets a sample value, so the preview renders without a hole
  function addSampleFacts() {
    var factsEl = form.elements.namedItem('facts');
    var facts;
    try {
      facts = JSON.parse(factsEl.value.trim() || '{}');
    } catch (e) {
      return;
    }
    var added = false;
    (value('variables') || '').split(/[\s,]+/).forEach(function (v) {
      var m = /^facts\.([A-Za-z][A-Za-z0-9_]*)/.exec(v);
      if (m && !(m[1] in facts)) {
        facts[m[1]] = 'Sample ' + m[1];
        added = true;
      }
    });
    if (added) factsEl.value = JSON.stringify(facts, null, 2);
  }

  function refresh() {
    var req = request();
    if (testFacts) testFacts.value = value('facts') || '';
    if (testCustomer) testCustomer.value = value('customerId') || '';
    if (req.error) {
      showProblems([{ field: 'facts', message: req.error }]);
      return;
    }
    var mine = ++seq;
    stateEl.textContent = 'updating…';
    window.tocsin
      .post(form.dataset.previewUrl, req.body)
      .then(function (res) {
        return res.json().then(function (json) {
          return { ok: res.ok, json: json };
        });
      })
      .then(function (r) {
        if (mine !== seq) return; // a newer keystroke already asked again
        if (r.ok) {
          showProblems([]);
          showPreview(r.json);
          stateEl.textContent = 'up to date';
        } else {
          var err = r.json.error || { message: 'Preview failed' };
          var details = Array.isArray(err.details) ? err.details : [Object.assign({ message: err.message }, err.details || {})];
          showProblems(details.length ? details : [{ message: err.message }]);
          stateEl.textContent = 'has problems';
        }
      })
      .catch(function () {
        if (mine === seq) stateEl.textContent = 'could not reach the server';
      });
  }

  form.elements.namedItem('variables').addEventListener('change', function () {
    addSampleFacts();
    refresh();
  });
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
