"""The page shell: inline CSS and JS, and a Content-Security-Policy that forbids any fetch.

The report must open from disk with no network, and it shows text taken from content farms.
So the page carries everything inline, and its CSP (``default-src 'none'``) stops the
browser from loading anything at all: an image, font or script that slipped into the
markup could not phone home, and a script not written here (its SHA-256 is pinned) would
not run.  Links to the articles still work; following one is a navigation, not a fetch.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from storage.report.i18n import Labels

CSS = """
:root{--ink:#1c1e21;--muted:#5d6470;--line:#e3e1da;--paper:#f7f6f2;--card:#fff;
--accent:#1a4fa0;--alert:#b3261e;--alert-bg:#fdecea;--add:#1e6b3a;--add-bg:#e6f4ea;
--chrome-bg:#f1efe8;--punct:#fff2b8;--sans:-apple-system,BlinkMacSystemFont,"PingFang SC",
"Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",
"WenQuanYi Micro Hei",system-ui,sans-serif;--serif:"Noto Serif CJK SC","Source Han Serif SC",
"Songti SC","SimSun",serif}
*{box-sizing:border-box}[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.7 var(--sans);
line-break:strict;overflow-wrap:break-word}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.wrap{max-width:1100px;margin:0 auto;padding:20px 20px 60px}
h1,h2,h3{line-height:1.35;font-weight:700;letter-spacing:.01em}
h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:36px 0 12px}
h3{font-size:18px;margin:28px 0 10px}
.sub,.muted,.legend,.meta{color:var(--muted);font-size:14px}
.masthead{border-bottom:3px solid var(--ink);padding-bottom:10px;margin-bottom:18px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:16px 0}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.kpi b{display:block;font-size:30px;line-height:1.2}.kpi span{color:var(--muted);font-size:14px}
.kpi.alert b{color:var(--alert)}
.grid2{display:grid;grid-template-columns:3fr 2fr;gap:16px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;
padding:14px 16px}
figcaption{font-weight:700;margin-bottom:10px}
.cols{display:flex;align-items:flex-end;gap:2px;height:150px;padding-bottom:22px;
position:relative}
.col{flex:1;height:100%;position:relative;display:flex;align-items:flex-end;min-width:3px}
.col .fill{display:block;width:100%;background:var(--accent);border-radius:2px 2px 0 0;
min-height:1px}
.col .orig{position:absolute;bottom:-9px;left:50%;width:6px;height:6px;margin-left:-3px;
border-radius:50%;background:var(--ink)}
.col .lab{position:absolute;top:100%;left:0;margin-top:8px;font-size:12px;color:var(--muted);
white-space:nowrap}
.col:last-child .lab{left:auto;right:0}
.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:-1px}
.key.fill{background:var(--accent)}.key.orig{background:var(--ink);border-radius:50%}
.hbars{display:grid;gap:6px}
.hbar{display:grid;grid-template-columns:minmax(6em,11em) 1fr 2.5em;gap:8px;align-items:center;
font-size:14px}
.ht{background:#eef0f3;border-radius:3px;height:14px;overflow:hidden}
.hf{display:block;height:100%;background:var(--accent)}
.hbar.back .hf{background:var(--alert)}.hbar.none .hf{background:#9aa0a6}
.hv{text-align:right;font-variant-numeric:tabular-nums}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line)}
th,td{padding:9px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:13px;color:var(--muted);font-weight:600;background:#fbfaf7;white-space:nowrap}
th button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{font-size:20px;font-weight:700}
.story-link{font-weight:600;font-size:16px}
.chip{display:inline-block;font-size:12px;line-height:1.5;padding:1px 7px;margin:2px 4px 2px 0;
border-radius:10px;background:#eef1f6;color:#2d3b55;white-space:nowrap}
.flag{display:inline-block;font-size:12px;font-weight:700;padding:1px 7px;border-radius:4px;
background:var(--alert);color:#fff;white-space:nowrap}
.flag.soft{background:var(--alert-bg);color:var(--alert)}
.badge{font-size:12px;padding:1px 6px;border-radius:4px;border:1px solid var(--line);
color:var(--muted);white-space:nowrap;font-weight:400}
.strip .axis{stroke:#c9ccd1}.strip .zero{stroke:var(--ink);stroke-width:2}
.strip .dot{fill:var(--accent);fill-opacity:.75}.strip .back{fill:var(--alert);fill-opacity:1}
#filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:var(--card);
border:1px solid var(--line);border-radius:8px;padding:12px;margin-bottom:12px}
#filters label{display:flex;flex-direction:column;font-size:13px;color:var(--muted);gap:3px}
#filters input,#filters select{font:inherit;font-size:15px;padding:5px 8px;border:1px solid #c9ccd1;
border-radius:6px;background:#fff;color:var(--ink);min-width:0}
#filters input[aria-invalid=true]{border-color:var(--alert);outline-color:var(--alert)}
#filters .grow{flex:1 1 14em}#filters button{font:inherit;font-size:14px;padding:6px 12px;
border-radius:6px;border:1px solid #c9ccd1;background:#fff;cursor:pointer}
.story-head{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 20px}
.story-head h2{margin:6px 0 8px;font-size:26px}
.kicker{margin:0;color:var(--accent);font-weight:700;font-size:14px}
.stats{display:flex;flex-wrap:wrap;gap:8px 22px;margin-top:12px}
.stats div{font-size:14px;color:var(--muted)}.stats b{font-size:22px;color:var(--ink);
margin-right:3px}.stats .alert b{color:var(--alert)}
.back-link{display:inline-block;margin:0 0 12px;font-size:15px}
.timeline{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.tl-row{display:grid;grid-template-columns:8em 1fr 10em;gap:10px;align-items:center;min-height:30px}
.tl-site{font-size:14px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tl-track{position:relative;height:22px;margin:0 8px;border-bottom:1px dashed #dde0e4}
.tl-zero{position:absolute;top:-6px;bottom:-6px;width:2px;background:var(--ink);margin-left:-1px}
.tl-dot{position:absolute;top:50%;width:13px;height:13px;margin:-6px 0 0 -6px;border-radius:50%;
background:var(--accent);border:2px solid #fff;box-shadow:0 0 0 1px var(--accent)}
.tl-row.back .tl-dot{background:var(--alert);box-shadow:0 0 0 1px var(--alert)}
.tl-row.back .tl-site,.tl-row.back .tl-date{color:var(--alert)}
.tl-date{font-size:13px;color:var(--muted);font-variant-numeric:tabular-nums}
.tl-axis .tl-track{border:0}.tick{position:absolute;transform:translateX(-50%);font-size:12px;
color:var(--muted);white-space:nowrap}.tick.zero{color:var(--ink);font-weight:700}
.copy{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);
border-radius:8px;padding:14px 18px;margin:14px 0}
.copy.back{border-left-color:var(--alert)}
.copy-top{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 16px;font-size:14px}
.copy-top .site{font-weight:700;font-size:16px}
.copy h4{font-size:18px;margin:8px 0 4px;line-height:1.45}
.title-diff{font-size:14px;color:var(--muted);margin:2px 0 6px}
.facts{font-size:14px;color:var(--muted);margin:6px 0}
.facts b{color:var(--ink);font-weight:600}.facts .warn{color:var(--alert);font-weight:600}
.scores{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:14px;margin:8px 0}
.scores b{font-size:17px;font-variant-numeric:tabular-nums}
.changes{margin:6px 0}
details.diff{margin-top:8px;border-top:1px solid var(--line);padding-top:6px}
summary{cursor:pointer;color:var(--accent);font-size:15px;padding:4px 0}
.seg{position:relative;margin:8px 0;padding:8px 12px 8px 12px;border-radius:6px;
font-family:var(--serif);font-size:16px;line-height:1.85;text-align:justify}
.seg p{margin:0}
.seg .tag{display:inline-block;font-family:var(--sans);font-size:12px;font-weight:700;
padding:0 6px;border-radius:4px;margin-right:6px;vertical-align:1px}
.seg.dropped{background:var(--alert-bg);border-left:3px solid var(--alert)}
.seg.dropped p{text-decoration:line-through;text-decoration-color:rgba(179,38,30,.45);
color:#5c1f1b}
.seg.dropped .tag{background:var(--alert);color:#fff}
.seg.added{background:var(--add-bg);border-left:3px solid var(--add)}
.seg.added .tag{background:var(--add);color:#fff}
.seg.chrome{background:var(--chrome-bg);border-left:3px dashed #8a8577;color:#4a463d}
.seg.chrome .tag{background:#8a8577;color:#fff}
.seg.edited,.seg.punct,.seg.reflow{background:#fbfaf7;border-left:3px solid #d4b106}
.seg.edited .tag,.seg.punct .tag,.seg.reflow .tag{background:#d4b106;color:#222}
.seg.same{font-family:var(--sans);font-size:13px;color:var(--muted);text-align:center;
background:none;padding:2px}
details.run{margin:8px 0}details.run>summary{font-family:var(--sans);font-size:14px}
del{background:#f7c9c5;color:#7a1712;text-decoration:line-through}
ins{background:#bfe5c9;color:#114a25;text-decoration:none}
.punct del,.punct ins,.reflow del,.reflow ins,.title-diff del,.title-diff ins{
padding:0 1px;border-radius:2px}
del.br,ins.br{font-family:var(--sans);font-size:12px;padding:0 3px}
.original{margin-top:24px}.original .body{font-family:var(--serif);font-size:17px;
line-height:1.9;max-width:42em;text-align:justify}
.original .body p{margin:0 0 1em;text-indent:2em}
.visit{font-size:14px}
.foot{margin-top:40px;color:var(--muted);font-size:13px;border-top:1px solid var(--line);
padding-top:10px}
@media (max-width:720px){
.wrap{padding:12px 12px 40px}h1{font-size:23px}.story-head h2{font-size:21px}
.kpis{grid-template-columns:repeat(2,1fr)}.grid2{grid-template-columns:1fr}
table.stories,table.stories tbody,table.stories tr,table.stories td{display:block;border:0}
table.stories{background:none}table.stories thead{display:none}
table.stories tr{background:var(--card);border:1px solid var(--line);border-radius:8px;
margin:0 0 10px;padding:8px 4px}
table.stories td{padding:3px 10px}table.stories td.n{text-align:left;font-size:15px}
table.stories td.n::before{content:attr(data-label) " ";font-weight:400;color:var(--muted)}
table.sites{font-size:14px}table.sites .opt{display:none}
.tl-row{grid-template-columns:5.5em 1fr;row-gap:0}.tl-date{grid-column:2;margin-top:-4px}
.tl-axis .tl-date{display:none}
.copy{padding:12px 12px}.seg{font-size:15.5px;padding:6px 9px}
.hbar{grid-template-columns:minmax(5em,8em) 1fr 2em}}
@media print{[data-view]{display:block!important}.copy{break-inside:avoid}}
"""

JS = """
(function () {
  var views = Array.prototype.slice.call(document.querySelectorAll('[data-view]'));
  function route() {
    if (views.length < 2) return;
    var m = /^#story-(\\d+)$/.exec(location.hash);
    var id = m && document.getElementById('story-' + m[1]) ? 'story-' + m[1] : 'overview';
    views.forEach(function (v) { v.hidden = v.id !== id; });
    if (m) window.scrollTo(0, 0);
  }
  window.addEventListener('hashchange', route);
  route();
  var form = document.getElementById('filters');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-story]'));
  var shown = document.getElementById('shown');
  function isoDate(input) {
    var v = input.value.trim();
    var m = /^(\\d{4})\\D{1,3}(\\d{1,2})\\D{1,3}(\\d{1,2})\\D?$/.exec(v);
    input.setCustomValidity(!v || m ? '' : input.getAttribute('data-bad'));
    input.setAttribute('aria-invalid', !v || m ? 'false' : 'true');
    if (!m) return '';
    return m[1] + '-' + ('0' + m[2]).slice(-2) + '-' + ('0' + m[3]).slice(-2);
  }
  function apply() {
    var q = form.q.value.trim().toLowerCase(), outlet = form.outlet.value;
    var site = form.site.value, from = isoDate(form.from), to = isoDate(form.to), n = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.getAttribute('data-search').indexOf(q) >= 0) &&
        (!outlet || r.getAttribute('data-outlet') === outlet) &&
        (!site || JSON.parse(r.getAttribute('data-sites')).indexOf(site) >= 0) &&
        (!from || r.getAttribute('data-date') >= from) &&
        (!to || (r.getAttribute('data-date') && r.getAttribute('data-date') <= to));
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  var body = document.querySelector('table.stories tbody');
  Array.prototype.forEach.call(document.querySelectorAll('th button[data-sort]'), function (b) {
    b.addEventListener('click', function () {
      var key = b.getAttribute('data-sort'), desc = b.getAttribute('data-desc') !== '1';
      b.setAttribute('data-desc', desc ? '1' : '0');
      rows.sort(function (x, y) {
        var a = x.getAttribute('data-' + key), c = y.getAttribute('data-' + key);
        if (key === 'copies') { a = +a; c = +c; }
        return (a < c ? -1 : a > c ? 1 : 0) * (desc ? -1 : 1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
})();
"""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_sha256(JS)}'; base-uri 'none'; form-action 'none'"
)


def document(title: str, body: str, t: Labels) -> str:
    """A complete, self-contained HTML page around ``body`` (already escaped markup), in the
    language of ``t`` (storage/report/i18n.Labels)."""
    return (
        f'<!doctype html>\n<html lang="{t.html_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f'<body><div class="wrap">{body}</div><script>{JS}</script></body></html>\n'
    )
