// Runbook editor: the readable step summary follows the form per step, or the JSON, as it is edited (the
// server reads it exactly as it reads a save, so the summary and the problems are the ones saving would give).
(function () {
  'use strict';
  var form = document.getElementById('runbook-form');
  if (!form || !window.tocsin) return;
  var textarea = document.getElementById('rb-definition'); // JSON mode only
  var target = textarea || form;
  var list = document.getElementById('step-summary');
  var problemsEl = document.getElementById('summary-problems');
  var stateEl = document.getElementById('summary-state');
  var timer = null;
  var seq = 0;
  var ROWS = [['who', 'Who'], ['channel', 'Channel'], ['template', 'Template'], ['when', 'When'], ['conditions', 'Conditions'], ['approval', 'Approval'], ['reminder', 'Reminder'], ['meets', 'Meets']];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(r) {
    list.textContent = '';
    r.steps.forEach(function (s) {
      var li = el('li', 'step-card');
      var h = el('h3', '', s.name || s.id);
      if (s.name) h.appendChild(el('span', 'hint', ' (' + s.id + ')'));
      li.appendChild(h);
      if (s.invalid) {
        var ul = el('ul', 'error');
        s.invalid.forEach(function (m) { ul.appendChild(el('li', '', m)); });
        li.appendChild(ul);
      } else {
        var dl = el('dl', 'facts');
        ROWS.forEach(function (row) {
          if (!s[row[0]]) return;
          dl.appendChild(el('dt', '', row[1]));
          dl.appendChild(el('dd', '', s[row[0]]));
        });
        li.appendChild(dl);
      }
      list.appendChild(li);
    });
    problemsEl.textContent = '';
    if (r.problems.length) {
      var box = el('ul', 'error problems');
      r.problems.forEach(function (p) { box.appendChild(el('li', '', (p.step ? 'step ' + p.step + ', ' : '') + p.field + ': ' + p.message)); });
      problemsEl.appendChild(box);
      if (textarea) textarea.setAttribute('aria-invalid', 'true');
    } else if (textarea) textarea.removeAttribute('aria-invalid');
  }

  function refresh() {
    var mine = ++seq;
    stateEl.textContent = 'updating…';
    var request = textarea
      ? window.tocsin.post(form.dataset.summaryUrl, { definition: textarea.value })
      : fetch(form.dataset.summaryUrl, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { Accept: 'application/json', 'X-CSRF-Token': window.tocsin.csrfToken },
          body: new URLSearchParams(new FormData(form)),
        });
    request
      .then(function (res) { return res.json(); })
      .then(function (r) {
        if (mine !== seq) return;
        if (r.steps) {
          render(r);
          stateEl.textContent = r.problems.length ? r.problems.length + ' problem(s)' : 'up to date';
        } else stateEl.textContent = (r.error && r.error.message) || 'could not summarise';
      })
      .catch(function () { if (mine === seq) stateEl.textContent = 'could not reach the server'; });
  }

  target.addEventListener('input', schedule);
  target.addEventListener('change', schedule);
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }
})();
