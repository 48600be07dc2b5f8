// /kinerja.html?period=2026-11&institution=kec-genteng: the board shows what the address
// asks for (a link can name a period), before the embed script upgrades it.
(function () {
  var params = new URLSearchParams(location.search);
  var board = document.querySelector('lapor-compliance-board');
  if (!board) return;
  var period = params.get('period');
  if (period && /^(7d|30d|month|\d{4}-\d{2})$/.test(period)) board.setAttribute('period', period);
  var institution = params.get('institution');
  if (institution && /^[a-z0-9-]{1,64}$/.test(institution)) board.setAttribute('institution', institution);
})();
