/// The style sheet and script inlined into every HTML report. They are constants, so the
/// report's Content-Security-Policy allows exactly these two by hash (`HTMLReporter.csp`)
/// and nothing else runs or loads. The page is complete without the script: it only adds
/// the filter bar, search, collapsing and matrix sorting over what is already in the HTML.
enum HTMLAssets {
    static let style = #"""
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--accent:#0b57d0;
--critical:#7a0019;--high:#c5221f;--medium:#f29900;--low:#1a73e8;--info:#dadce0}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#0d1b2a;color:#fff;padding:18px 28px}
header.top h1{margin:0 0 4px;font-size:22px;font-weight:600}
header.top p{margin:0;color:#c9d1d9}
main{padding:0 28px 40px;max-width:1600px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:0 0 6px}
h4{font-size:14px;margin:14px 0 6px}
a{color:var(--accent)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px;overflow:auto;white-space:pre-wrap}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:18px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:120px;background:var(--soft)}
.card b{display:block;font-size:22px}
.card span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.card.s-critical,.card.s-high,.card.s-low{color:#fff}
.card.s-critical span,.card.s-high span,.card.s-low span{color:#fff}
.summary{color:var(--muted)}
.sev{display:inline-block;min-width:62px;text-align:center;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
.s-critical{background:var(--critical);color:#fff}
.s-high{background:var(--high);color:#fff}
.s-medium{background:var(--medium);color:#1f2328}
.s-low{background:var(--low);color:#fff}
.s-info{background:var(--info);color:#1f2328}
.s-none{background:#e6f4ea;color:#137333}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.wrap{overflow:auto;max-height:80vh;border:1px solid var(--line);border-radius:6px}
.wrap table{margin:0;border:0}
#matrix thead th{position:sticky;top:0;z-index:1}
#matrix td.c{text-align:center;white-space:nowrap;font-weight:600}
#matrix td.n,#matrix th.n{text-align:right}
#matrix th.r{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;padding:6px 2px}
.legend{color:var(--muted);font-size:12.5px}
.legend .sev{min-width:0}
#controls{position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line);padding:10px 0;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
#controls label{white-space:nowrap}
#controls input[type=search]{min-width:260px;padding:4px 8px}
#controls select,#controls button{padding:3px 6px}
#f-count{color:var(--muted)}
section.acct{border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:14px 0}
section.acct .name{font-weight:400}
section.acct .ou{color:var(--muted);font-weight:400;font-size:13px}
.meta{color:var(--muted);margin:0 0 8px;font-size:12.5px}
.ready{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.ready div{border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.ok{border-left:4px solid #137333!important}
.warn{border-left:4px solid var(--high)!important}
.unk{border-left:4px solid var(--medium)!important}
.ready b{display:block}
details>summary{cursor:pointer;font-weight:600;margin:10px 0 4px}
ul.paths{margin:0;padding-left:18px}
td.msg{min-width:320px}
.sup{color:var(--muted);font-style:italic}
.rule{border-top:1px solid var(--line);padding:10px 0}
.rule p{margin:6px 0}
footer{color:var(--muted);font-size:12.5px;margin-top:30px}
@media print{#controls{display:none!important}.wrap{max-height:none;overflow:visible}details{display:block}}
"""#

    static let script = #"""
(function () {
  'use strict';
  var d = document;
  var controls = d.getElementById('controls');
  if (!controls) { return; }
  controls.hidden = false;
  var sevBoxes = Array.prototype.slice.call(controls.querySelectorAll('input[name=sev]'));
  var ruleSel = d.getElementById('f-rule');
  var accountSel = d.getElementById('f-account');
  var search = d.getElementById('f-search');
  var count = d.getElementById('f-count');
  var sortSel = d.getElementById('f-sort');
  var tbody = d.querySelector('#matrix tbody');
  var matrixRows = {};
  Array.prototype.forEach.call(tbody.rows, function (r) { matrixRows[r.getAttribute('data-account')] = r; });
  var sections = Array.prototype.map.call(d.querySelectorAll('section.acct'), function (s) {
    return {
      el: s,
      id: s.getAttribute('data-account'),
      head: s.querySelector('h3').textContent.toLowerCase(),
      rows: Array.prototype.map.call(s.querySelectorAll('tr.f'), function (r) {
        return { el: r, sev: r.getAttribute('data-sev'), rule: r.getAttribute('data-rule'), text: null };
      })
    };
  });
  function apply() {
    var sevs = {}, allSev = true;
    sevBoxes.forEach(function (b) { if (b.checked) { sevs[b.value] = true; } else { allSev = false; } });
    var rule = ruleSel.value, account = accountSel.value, q = search.value.trim().toLowerCase();
    var plain = allSev && !rule && !q;
    var accounts = 0, findings = 0;
    sections.forEach(function (s) {
      var inAccount = !account || account === s.id;
      var headMatch = !!q && s.head.indexOf(q) >= 0;
      var n = 0;
      s.rows.forEach(function (r) {
        var show = inAccount && sevs[r.sev] === true && (!rule || r.rule === rule);
        if (show && q && !headMatch) {
          if (r.text === null) { r.text = r.el.textContent.toLowerCase(); }
          show = r.text.indexOf(q) >= 0;
        }
        r.el.hidden = !show;
        if (show) { n += 1; }
      });
      var visible = inAccount && (plain || n > 0 || (headMatch && allSev && !rule));
      s.el.hidden = !visible;
      if (matrixRows[s.id]) { matrixRows[s.id].hidden = !visible; }
      if (visible) { accounts += 1; findings += n; }
    });
    count.textContent = accounts + (accounts === 1 ? ' account, ' : ' accounts, ') +
      findings + (findings === 1 ? ' finding shown' : ' findings shown');
  }
  function sortMatrix() {
    var key = sortSel.value;
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.getAttribute('data-' + key), y = b.getAttribute('data-' + key);
      if (key === 'rank') { return Number(x) - Number(y); }
      return x < y ? -1 : (x > y ? 1 : Number(a.getAttribute('data-rank')) - Number(b.getAttribute('data-rank')));
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }
  function setOpen(open) {
    Array.prototype.forEach.call(d.querySelectorAll('details'), function (e) { e.open = open; });
  }
  sevBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  ruleSel.addEventListener('change', apply);
  accountSel.addEventListener('change', apply);
  search.addEventListener('input', apply);
  sortSel.addEventListener('change', sortMatrix);
  d.getElementById('f-reset').addEventListener('click', function () {
    sevBoxes.forEach(function (b) { b.checked = true; });
    ruleSel.value = ''; accountSel.value = ''; search.value = '';
    apply();
  });
  d.getElementById('f-collapse').addEventListener('click', function () { setOpen(false); });
  d.getElementById('f-expand').addEventListener('click', function () { setOpen(true); });
  apply();
}());
"""#
}
