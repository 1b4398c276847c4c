// Liên Kết pages: small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // Search as you type: a GET form with data-live="#target" re-renders the target from the server
  // (X-Partial: 1 answers the fragment only) and keeps the address bar in step.
  document.querySelectorAll('form[data-live]').forEach(function (form) {
    var target = document.querySelector(form.getAttribute('data-live'));
    var timer;
    var last;
    function refresh() {
      var query = new URLSearchParams(new FormData(form)).toString();
      if (query === last) return;
      last = query;
      var url = (form.getAttribute('action') || location.pathname) + (query ? '?' + query : '');
      fetch(url, { headers: { 'X-Partial': '1' }, credentials: 'same-origin' })
        .then(function (res) {
          return res.ok ? res.text() : Promise.reject(res.status);
        })
        .then(function (fragment) {
          if (url.indexOf(form.getAttribute('action') || location.pathname) !== 0) return;
          target.innerHTML = fragment;
          history.replaceState(null, '', url);
        })
        .catch(function () {
          /* the submit button still works */
        });
    }
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  });

  // Confirm before destructive posts.
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });

  window.lienket = { csrf: csrf ? csrf.getAttribute('content') : '' };
})();
