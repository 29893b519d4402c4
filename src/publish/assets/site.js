// Flowcase's published site: the search over the index built when the
// library was published, the letter filter of a department's page, and a
// wide chart fitted or panned. Nothing is fetched from the network.
(function () {
  'use strict';
  var html = document.documentElement;
  var root = html.getAttribute('data-root') || '';
  var said = function (name, values) {
    var text = html.getAttribute('data-' + name) || '';
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  };
  var MAX_SHOWN = 60;

  // Search: every process, department and main step whose texts hold each
  // typed term (Chinese has no spaces: a term is a substring). The index
  // comes compact; each record becomes [kind, page, label, context, text
  // lower-cased] once, when it has loaded.
  var records = null;
  function all() {
    var index = window.FLOWCASE_SEARCH;
    if (records || !index) return records || [];
    var lower = function () { return [].slice.call(arguments).join('\u001f').toLowerCase(); };
    records = [];
    index.p.forEach(function (p) { records.push(['p', p[0], p[1], p[2], lower(p[1], p[2])]); });
    index.d.forEach(function (d) { records.push(['d', d[0], d[1], d[2], lower(d[1], d[2])]); });
    index.s.forEach(function (s) {
      var p = index.p[s[0]], label = s[1] + ' ' + s[2];
      records.push(['s', p[0] + '#s-' + s[1], label, p[1], lower(label, s[3])]);
    });
    return records;
  }
  var form = document.querySelector('form.search');
  var input = form && form.querySelector('input');
  var box = form && form.querySelector('.results');
  var loading = false;
  function load() {
    if (loading) return;
    loading = true;
    var script = document.createElement('script');
    script.src = root + 'assets/search-index.js';
    script.onload = function () {
      all();
      html.setAttribute('data-search-ready', '');
      show();
    };
    document.head.appendChild(script);
  }
  function find(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return all().filter(function (r) {
      return terms.every(function (t) { return r[4].indexOf(t) >= 0; });
    });
  }
  function item(record) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = root + record[1];
    var kind = document.createElement('span');
    kind.className = 'kind kind-' + record[0];
    kind.textContent = said('kind-' + record[0]);
    var label = document.createElement('span');
    label.className = 'label';
    label.textContent = record[2];
    a.appendChild(kind);
    a.appendChild(label);
    if (record[3]) {
      var context = document.createElement('span');
      context.className = 'context';
      context.textContent = record[3];
      a.appendChild(context);
    }
    li.appendChild(a);
    return li;
  }
  function show() {
    var query = input.value.trim();
    box.textContent = '';
    if (!query) { box.hidden = true; return; }
    if (!window.FLOWCASE_SEARCH) { load(); return; }
    var found = find(query);
    var head = document.createElement('p');
    head.className = 'count';
    head.textContent = found.length === 0 ? said('nothing', { query: query })
      : found.length > MAX_SHOWN ? said('more', { shown: MAX_SHOWN, n: found.length })
      : said('found', { n: found.length });
    box.appendChild(head);
    var list = document.createElement('ul');
    found.slice(0, MAX_SHOWN).forEach(function (r) { list.appendChild(item(r)); });
    box.appendChild(list);
    box.hidden = false;
  }
  if (form) {
    input.addEventListener('focus', load);
    input.addEventListener('input', show);
    form.addEventListener('submit', function (e) { e.preventDefault(); show(); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { input.value = ''; show(); }
      if (e.key === 'ArrowDown') {
        var first = box.querySelector('a');
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    box.addEventListener('keydown', function (e) {
      var links = [].slice.call(box.querySelectorAll('a'));
      var at = links.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && at + 1 < links.length) { e.preventDefault(); links[at + 1].focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    });
    document.addEventListener('click', function (e) { if (!form.contains(e.target)) box.hidden = true; });
    var asked = new URLSearchParams(window.location.search).get('q');
    if (asked) { input.value = asked; show(); }
  }

  // A department's page: a step shows while one of its letters is ticked.
  var filter = document.querySelector('.filter');
  if (filter) {
    filter.addEventListener('change', function () {
      var on = [].slice.call(filter.querySelectorAll('input:checked')).map(function (i) { return i.value; });
      document.querySelectorAll('tr[data-letters]').forEach(function (tr) {
        var letters = tr.getAttribute('data-letters');
        tr.hidden = !on.some(function (l) { return letters.indexOf(l) >= 0; });
      });
      document.querySelectorAll('section.duties').forEach(function (s) {
        s.hidden = !s.querySelector('tr[data-letters]:not([hidden])');
      });
    });
  }

  // A chart wider than the page: fitted to its width or shown at its own
  // size and dragged to pan.
  var chart = document.querySelector('.chart');
  var fit = document.querySelector('button.fit');
  if (chart && fit) {
    var svg = chart.querySelector('svg');
    var wide = svg && svg.width.baseVal.value > chart.clientWidth;
    if (wide) {
      fit.hidden = false;
      fit.addEventListener('click', function () {
        var fitted = chart.classList.toggle('fitted');
        fit.textContent = fit.getAttribute(fitted ? 'data-full' : 'data-fit');
      });
    }
    var drag = null;
    chart.addEventListener('mousedown', function (e) {
      if (e.button !== 0 || e.target.closest('a')) return;
      drag = { x: e.clientX, y: e.clientY, left: chart.scrollLeft, top: chart.scrollTop };
      chart.classList.add('dragging');
    });
    window.addEventListener('mousemove', function (e) {
      if (!drag) return;
      chart.scrollLeft = drag.left - (e.clientX - drag.x);
      chart.scrollTop = drag.top - (e.clientY - drag.y);
    });
    window.addEventListener('mouseup', function () { drag = null; chart.classList.remove('dragging'); });
  }
})();
