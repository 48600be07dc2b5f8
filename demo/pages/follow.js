// The follow link in a message: /r/LPR-XXXX-XXXX#<access code>. The code travels in the
// fragment, which browsers never send to a server (nor in a Referer); it is read here,
// dropped from the address bar and history at once, and handed to the widget's `track`.
(function () {
  var id = decodeURIComponent(location.pathname.split('/').pop() || '');
  var code = location.hash.slice(1);
  if (code) history.replaceState(null, '', location.pathname + location.search);
  window.LaporWidget = window.LaporWidget || function () { (window.LaporWidget.q = window.LaporWidget.q || []).push(arguments); };
  if (/^LPR-/i.test(id)) window.LaporWidget('track', id, code || undefined);
})();
