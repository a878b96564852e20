// Incident dashboard: everything that changes while the page is open (state, reach, step table, schedule,
// approvals, clocks, the actions this user may take, the timeline) comes from one server-sent `dashboard` event every
// 2 seconds, so no part of the page is left stale or disagrees with another; the clocks count down locally.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) return;
  var t = window.tocsin;
  var incidentId = root.getAttribute('data-incident');
  var fmt = function (n) { return Number(n || 0).toLocaleString('en'); };
  var set = function (id, text) { var el = document.getElementById(id); if (el) el.textContent = text; };
  var COLUMNS = [['sent', 'Sent'], ['delivered', 'Delivered'], ['acknowledged', 'Acknowledged'], ['bounced', 'Bounced'], ['failed', 'Failed'], ['suppressed', 'Suppressed']];

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  var badge = function (state) { return el('span', { className: 'status ' + state, text: state }); };
  var td = function (label, content, cls) { return el('td', cls ? { 'data-label': label, className: cls } : { 'data-label': label }, [content]); };

  function renderReach(r, percent) {
    var bar = document.getElementById('reach-progress');
    if (bar) { bar.value = percent; bar.textContent = percent + ' %'; }
    set('reach-percent', percent + ' %');
    set('reach-reached', fmt(r.reached));
    set('reach-affected', fmt(r.affected));
    set('reach-acknowledged', fmt(r.acknowledged));
    set('reach-claimed', fmt(r.claimed));
    set('reach-unreached', fmt(r.unreached));
    var body = document.querySelector('#reach-steps tbody');
    if (!body || !r.steps || !r.steps.length) return;
    body.replaceChildren.apply(body, r.steps.map(function (s) {
      var cells = [td('Step', s.step), td('Channel', s.channel), td('Step state', badge(s.state)), td('Waiting', fmt(s.waiting), 'num')];
      COLUMNS.forEach(function (c) { cells.push(td(c[1], fmt(s[c[0]]), 'num')); });
      return el('tr', {}, cells);
    }));
  }

  function renderState(state) {
    if (!state || state === root.getAttribute('data-state')) return;
    root.setAttribute('data-state', state);
    var st = document.getElementById('incident-state');
    if (st) { st.textContent = state; st.className = 'status ' + state; }
    var note = document.getElementById('state-changed');
    if (note) { note.hidden = false; set('state-changed-to', state); }
  }

  function renderActions(actions) {
    var nav = document.getElementById('actions');
    if (!nav) return;
    nav.replaceChildren.apply(nav, actions.map(function (a) {
      return el('a', { className: 'button' + (a.danger ? ' danger' : ''), href: '/console/incidents/' + incidentId + '/confirm/' + a.action, text: a.label });
    }));
    nav.hidden = actions.length === 0;
  }

  function renderApprovals(approvals) {
    var box = document.getElementById('approvals-body');
    if (!box) return;
    if (!approvals.length) return box.replaceChildren(el('p', { text: 'Nothing is waiting.' }));
    box.replaceChildren(el('ul', {}, approvals.map(function (s) {
      var form = el('form', { method: 'post', action: '/console/incidents/' + incidentId + '/steps/' + s.id + '/approve', className: 'inline' }, [
        el('input', { type: 'hidden', name: '_csrf', value: t.csrfToken }),
        el('button', { type: 'submit', className: 'primary', text: 'Approve ' + s.step }),
      ]);
      return el('li', {}, [el('strong', { text: s.step }), ' (' + s.channel + ' to ' + s.audience + ', template ' + s.template + ')' + (s.waitingReason ? ' — ' + s.waitingReason : '') + ' ', form]);
    })));
  }

  function renderSchedule(schedule) {
    var body = document.querySelector('#schedule tbody');
    if (!body) return;
    body.replaceChildren.apply(body, schedule.map(function (s) {
      var state = td('State', badge(s.state));
      if (s.approvedBy) state.appendChild(el('span', { className: 'hint', text: ' approved by ' + s.approvedBy }));
      return el('tr', {}, [td('Step', s.step), td('Audience', s.audience), td('Channel', s.channel), td('Due', s.dueAt ? t.timeEl(s.dueAt) : ''), state]);
    }));
  }

  function renderClocks(clocks) {
    var box = document.getElementById('clocks-body');
    if (!box) return;
    if (!clocks.length) return box.replaceChildren(el('p', { text: 'No regulatory clock applies to this incident.' }));
    box.replaceChildren(el('ul', { className: 'clocks' }, clocks.map(function (c) {
      var parts = [el('strong', { text: c.regulation }), ' ' + c.article + ' — ' + c.audience, el('br'), badge(c.status), ' '];
      if (c.dueAt) {
        parts.push('due ', t.timeEl(c.dueAt));
        if (c.status === 'running') parts.push(' · ', el('span', { className: 'countdown', 'data-due': c.dueAt, text: (c.hoursLeft || 0) + ' h left' }));
      }
      if (c.metAt) parts.push(' · met by ' + c.metBy + ' at ', t.timeEl(c.metAt));
      if (c.evidence && c.evidence.kind === 'submission') parts.push(' · filed by ' + c.evidence.submittedBy + ', reference ' + c.evidence.reference);
      (c.failedRecipients || []).forEach(function (f) {
        parts.push(el('br'), el('span', { className: 'status missed', text: 'not reached' }), ' ' + f.recipient + ' (' + f.state + (f.response ? ': ' + f.response : '') + ')');
      });
      if (c.note) parts.push(el('br'), el('span', { className: 'hint', text: c.note }));
      return el('li', {}, parts);
    })));
    tick();
  }

  function renderTimeline(entries) {
    var list = document.getElementById('timeline-list');
    if (!list) return;
    list.replaceChildren.apply(list, entries.map(function (e) {
      return el('li', {}, [t.timeEl(e.at), ' — ', el('strong', { text: e.action }), e.actor ? ' by ' + e.actor : '', e.summary ? ' ' : '', e.summary ? el('span', { className: 'hint', text: '(' + e.summary + ')' }) : '']);
    }));
  }

  /** A relay the workers cannot reach (sends wait, no attempt is spent): said at the top until it is back. */
  function renderRelays(relays) {
    var box = document.getElementById('relay-down');
    if (!box) return;
    box.hidden = !relays.length;
    box.replaceChildren.apply(box, relays.map(function (r) {
      return el('span', {}, [el('strong', { text: r.channel + ' relay unreachable' }), ' since ', t.timeEl(r.since), ' — sends on ' + r.channel + ' wait and go out when it is back (' + r.error + '). ']);
    }));
  }

  function render(d) {
    renderRelays(d.relays || []);
    renderState(d.incident.state);
    renderReach(d.reach, d.reachPercent);
    renderActions(d.actions || []);
    renderApprovals(d.approvals || []);
    renderSchedule(d.incident.schedule || []);
    renderClocks(d.incident.clocks || []);
    renderTimeline(d.timeline || []);
    var live = document.getElementById('reach-live');
    if (live) live.replaceChildren('updated ', t.timeEl(new Date().toISOString(), true));
  }

  if (window.EventSource) {
    var source = new EventSource(root.getAttribute('data-stream'));
    source.addEventListener('dashboard', function (e) {
      try { render(JSON.parse(e.data)); } catch (err) { /* a malformed event is skipped; the next one comes in 2 s */ }
    });
    source.onerror = function () { set('reach-live', 'live updates interrupted; retrying…'); };
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (c) {
      var ms = new Date(c.getAttribute('data-due')).getTime() - now;
      var abs = Math.abs(ms);
      var h = Math.floor(abs / 3600000);
      var m = Math.floor((abs % 3600000) / 60000);
      var s = Math.floor((abs % 60000) / 1000);
      var text = (h ? h + ' h ' : '') + m + ' min ' + s + ' s ';
      c.textContent = ms >= 0 ? text + 'left' : 'overdue by ' + text.trim();
      c.classList.toggle('overdue', ms < 0);
    });
  }
  tick();
  setInterval(tick, 1000);
})();
