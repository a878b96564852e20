// Shared console script: the session's CSRF token for scripts that post with fetch.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  window.tocsin = {
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
