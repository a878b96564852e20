// Declare wizard: shows the chosen way of picking customers, reads an uploaded file of externalIds into
// the list, and counts the customers a filter matches as it is typed (the server's audience count).
(function () {
  'use strict';
  var form = document.getElementById('declare-form');
  if (!form || !window.tocsin) return;
  var listBox = document.getElementById('mode-list');
  var filterBox = document.getElementById('mode-filter');
  var ids = document.getElementById('d-ids');
  var idsCount = document.getElementById('ids-count');
  var file = document.getElementById('d-file');
  var countEl = document.getElementById('filter-count');
  var timer = null;
  var seq = 0;

  function mode() {
    var checked = form.querySelector('input[name="affectedMode"]:checked');
    return checked ? checked.value : 'list';
  }

  function showMode() {
    var m = mode();
    listBox.hidden = m !== 'list';
    filterBox.hidden = m !== 'filter';
    if (m === 'filter') count();
  }

  function countIds() {
    var n = ids.value.split(/\r?\n/).filter(function (l) { return l.trim() && !/^external_?id\b/i.test(l.trim()); }).length;
    idsCount.textContent = n ? n + ' line(s) of externalIds' : '';
  }

  function count() {
    var mine = ++seq;
    var body = {};
    ['filterField', 'filterOp', 'filterValue', 'filterJson'].forEach(function (k) { body[k] = form.elements.namedItem(k).value; });
    if (!body.filterField.trim() && !body.filterJson.trim()) {
      countEl.textContent = '';
      return;
    }
    countEl.textContent = 'counting…';
    window.tocsin.post(form.dataset.countUrl, body)
      .then(function (res) { return res.json(); })
      .then(function (r) {
        if (mine !== seq) return;
        countEl.textContent = typeof r.count === 'number' ? r.count.toLocaleString('en') + ' customer(s) match' : (r.error && r.error.message) || 'cannot count';
      })
      .catch(function () { if (mine === seq) countEl.textContent = 'could not reach the server'; });
  }

  form.addEventListener('change', function (e) {
    if (e.target.name === 'affectedMode') showMode();
  });
  filterBox.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(count, 300);
  });
  ids.addEventListener('input', countIds);
  file.addEventListener('change', function () {
    var f = file.files && file.files[0];
    if (!f) return;
    var reader = new FileReader();
    reader.onload = function () {
      ids.value = String(reader.result || '');
      countIds();
    };
    reader.readAsText(f);
  });
  showMode();
  countIds();
})();
