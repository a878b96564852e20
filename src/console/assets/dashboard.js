// Incident dashboard: live reach from the server-sent events stream, and the regulatory clocks counting down.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) return;
  var fmt = function (n) { return Number(n || 0).toLocaleString('en'); };
  var set = function (id, text) { var el = document.getElementById(id); if (el) el.textContent = text; };
  var WAITING = ['pending', 'queued', 'sending', 'deferred'];
  var COLUMNS = ['sent', 'delivered', 'acknowledged', 'bounced', 'failed', 'suppressed'];

  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text;
    return td;
  }

  function render(r) {
    var percent = r.affected > 0 ? Math.min(100, Math.floor((r.reached / r.affected) * 100)) : 0;
    var bar = document.getElementById('reach-progress');
    if (bar) { bar.value = percent; bar.textContent = percent + ' %'; }
    set('reach-percent', percent + ' %');
    set('reach-reached', fmt(r.reached));
    set('reach-affected', fmt(r.affected));
    set('reach-acknowledged', fmt(r.acknowledged));
    set('reach-unreached', fmt(r.unreached));
    set('reach-live', 'updated ' + new Date().toLocaleTimeString());
    if (r.state && r.state !== root.getAttribute('data-state')) {
      var st = document.getElementById('incident-state');
      if (st) { st.textContent = r.state; st.className = 'status ' + r.state; }
      // the actions, approvals and schedule on the page were for the old state: say so rather than reload under the user
      var note = document.getElementById('state-changed');
      if (note) { note.hidden = false; set('state-changed-to', r.state); }
    }
    var body = document.querySelector('#reach-steps tbody');
    if (!body || !r.steps) return;
    var rows = document.createDocumentFragment();
    r.steps.forEach(function (s) {
      var tr = document.createElement('tr');
      tr.appendChild(cell(s.step));
      tr.appendChild(cell(s.channel));
      var state = document.createElement('td');
      var badge = document.createElement('span');
      badge.className = 'status ' + s.state;
      badge.textContent = s.state;
      state.appendChild(badge);
      tr.appendChild(state);
      tr.appendChild(cell(fmt(WAITING.reduce(function (n, k) { return n + (Number(s[k]) || 0); }, 0)), 'num'));
      COLUMNS.forEach(function (k) { tr.appendChild(cell(fmt(s[k]), 'num')); });
      rows.appendChild(tr);
    });
    if (r.steps.length) body.replaceChildren(rows);
  }

  if (window.EventSource) {
    var source = new EventSource(root.getAttribute('data-stream'));
    source.addEventListener('reach', function (e) {
      try { render(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped; the next one comes in 2 s */ }
    });
    source.onerror = function () { set('reach-live', 'live updates interrupted; retrying…'); };
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var ms = new Date(el.getAttribute('data-due')).getTime() - now;
      var abs = Math.abs(ms);
      var h = Math.floor(abs / 3600000);
      var m = Math.floor((abs % 3600000) / 60000);
      var s = Math.floor((abs % 60000) / 1000);
      var text = (h ? h + ' h ' : '') + m + ' min ' + s + ' s ';
      el.textContent = ms >= 0 ? text + 'left' : 'overdue by ' + text.trim();
      el.classList.toggle('overdue', ms < 0);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
