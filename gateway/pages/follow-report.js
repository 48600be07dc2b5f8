// The follow link of a message: /r/LPR-XXXX-XXXX#<access code>. The code travels in the
// fragment, which browsers never send to a server (nor in a Referer); it is read here,
// dropped from the address bar and history at once, and set as the status element's
// property (never as an attribute, so it is not in the DOM either). The element takes it
// when the bundle upgrades it (Lit keeps properties set before the upgrade).
(function () {
  var code = location.hash.slice(1);
  if (!code) return;
  history.replaceState(null, '', location.pathname + location.search);
  var status = document.querySelector('lapor-report-status');
  if (status) status.accessToken = decodeURIComponent(code);
})();
