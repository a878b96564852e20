// Shared console script: the session's CSRF token for scripts that post with fetch, and times shown one
// way everywhere: "2026-11-26 07:05 UTC" on the page (as the server writes them), the viewer's local time on hover.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  /** "2026-11-26 07:05 UTC" (seconds too when asked): the console's one way to write a time */
  function utc(iso, seconds) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) +
      (seconds ? ':' + pad(d.getUTCSeconds()) : '') + ' UTC';
  }
  /** the same instant in the viewer's own time zone, for the hover title */
  function local(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    try {
      return 'Your time: ' + d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    } catch (e) {
      return 'Your time: ' + d.toString();
    }
  }
  /** a <time> element written the console's way, with the local time on hover */
  function timeEl(iso, seconds) {
    var t = document.createElement('time');
    t.setAttribute('datetime', iso);
    t.textContent = utc(iso, seconds);
    t.title = local(iso);
    return t;
  }
  function titleTimes(root) {
    (root || document).querySelectorAll('time[datetime]').forEach(function (t) {
      if (!t.title) t.title = local(t.getAttribute('datetime'));
    });
  }
  document.addEventListener('DOMContentLoaded', function () { titleTimes(document); });
  window.tocsin = {
    utc: utc,
    localTime: local,
    timeEl: timeEl,
    titleTimes: titleTimes,
    csrfToken: meta ? meta.getAttribute('content') : '',
    /** fetch with the CSRF header and JSON errors (the console answers JSON to `Accept: application/json`) */
    post: function (url, body) {
      return fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': window.tocsin.csrfToken },
        body: JSON.stringify(body || {}),
      });
    },
  };
})();
