/* Vietnamese search for the loa search page (tim-kiem/index.html).
 * Loads the index built by src/search.rs (its module docs describe the
 * format), reads ?q=, and searches in the browser: no network after the
 * index is fetched. Words and folding must match src/search.rs: lowercase,
 * NFD, drop U+0300-U+036F, đ -> d, then a word that is an initial consonant
 * and y ends in i (ký = kí, quý = quí; see fold_i_y there). Plain ES2017,
 * no dependencies. */
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const form = $('tim');
  if (!form || !window.fetch || !''.normalize) return;
  const input = form.elements.q;
  const status = $('tim-trang-thai');
  const list = $('tim-ket-qua');
  const more = $('tim-them');
  const az = $('tim-az');

  const WORD = /[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff]+/g;
  const INITIAL_Y = /^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr)y$/;
  const fold = (w) =>
    w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')
      .replace(/[a-z]+/g, (t) => (INITIAL_Y.test(t) ? t.slice(0, -1) + 'i' : t));
  // [{w: lowercase accented word, f: folded}], as src/search.rs cuts them.
  const words = (s) =>
    (s.toLowerCase().normalize('NFC').match(WORD) || [])
      .map((w) => ({ w, f: fold(w) }))
      .filter((x) => x.f && x.f.length <= 32);
  const folds = (s) => words(s).map((x) => x.f);

  // Field weights (title, heading, description, body) and match qualities:
  // any title match outranks everything below it; exact accents win within
  // a field when the query was typed with accents.
  const WEIGHT = [1000, 100, 30, 10];
  const EXACT = 1;
  const FOLDED = 0.85;
  const PREFIX = 0.6;
  const TYPO = 0.5;
  const PAGE = 30;

  let ix = null; // null: loading, false: failed, else the prepared index
  let shown = null;
  let limit = PAGE;

  function prepare(raw) {
    const keys = [];
    const first = [];
    const forms = [];
    for (const g of raw.t) {
      keys.push(g[0]);
      first.push(forms.length);
      for (let i = 1; i < g.length; i++) forms.push(g[i] || g[0]);
    }
    first.push(forms.length);
    const docs = raw.d.map((d) => ({
      title: d[0], url: d[1], desc: d[2], heads: d[3],
      tf: folds(d[0]), df: folds(d[2]), hf: d[3].map(folds),
    }));
    for (const d of docs) d.key = d.tf.join(' ');
    const common = new Uint8Array(keys.length);
    for (const g of raw.c) common[g] = 1;
    const titles = new Map(docs.map((d) => [d.url, d.title]));
    const home = new URL('..', form.action).pathname;
    for (const d of docs) {
      const up = d.url.replace(/[^/]+\/$/, '');
      d.section = up !== home && titles.get(up);
    }
    return { keys, first, forms, common, docs, f: raw.f, b: raw.b, byKey: new Map(keys.map((k, i) => [k, i])) };
  }

  // At most one edit (insert, delete, replace, swap two neighbours).
  function near(a, b) {
    const la = a.length;
    const lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    let i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la > lb) return a.slice(i + 1) === b.slice(i);
    if (lb > la) return a.slice(i) === b.slice(i + 1);
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  // Adds form t's title/heading/description postings, at quality q, to the
  // per-field best scores.
  function post(t, q, best) {
    let d = 0;
    for (const v of ix.f[t]) {
      d += v >> 3;
      for (let k = 0; k < 3; k++) {
        const s = WEIGHT[k] * q;
        if (v & (1 << k) && best[d * 4 + k] < s) best[d * 4 + k] = s;
      }
    }
  }

  // Adds folded word g's body postings (kept per word, not per form).
  function postBody(g, q, best) {
    const s = WEIGHT[3] * q;
    const body = ix.b[g];
    let d;
    if (ix.common[g]) {
      // In most bodies: the list names the documents without it.
      let j = 0;
      let skip = body.length ? body[0] : -1;
      for (d = 0; d < ix.docs.length; d++) {
        if (d === skip) skip = ++j < body.length ? skip + body[j] : -1;
        else if (best[d * 4 + 3] < s) best[d * 4 + 3] = s;
      }
      return;
    }
    d = 0;
    for (const v of body) {
      d += v;
      if (best[d * 4 + 3] < s) best[d * 4 + 3] = s;
    }
  }

  // Words that say little about which guide is wanted ("làm giấy khai sinh
  // cho con"): they still count, at a fraction of a word's weight. Typed
  // without tones they are recognised by their folded form.
  const STOP = new Set(('làm cho con của và là có không được một những các để khi tại ở đâu về với ' +
    'thế nào sao gì nhiêu ai thì hay ra vào như tôi mình em anh chị cần muốn phải bị đã đang sẽ này ' +
    'đó ạ nhé ơi giúp hỏi cách xin').split(' '));
  const STOP_FOLDED = new Set([...STOP].map(fold));
  const isStop = ({ w, f }) => STOP.has(w) || (w === f && STOP_FOLDED.has(f));
  const STOP_WEIGHT = 0.02;

  // Every query word that matches raises a page; one that matches nothing
  // lowers nothing. Pages with more of the meaningful words come first.
  function run(qw, prefix, typos) {
    const n = ix.docs.length;
    const score = new Float64Array(n);
    const found = new Uint8Array(n); // meaningful query words found in the page
    const best = new Float32Array(n * 4);
    const fields = new Uint8Array(n * 4); // meaningful query words found per field, for bonus()
    const matched = [];
    const every = []; // stop words too: how much of a title the query covers
    const allStop = qw.every(isStop);
    const counts = (x) => allStop || !isStop(x);
    qw.forEach((x, i) => {
      const { w, f } = x;
      best.fill(0);
      const keys = new Set();
      const use = (g, q) => {
        keys.add(ix.keys[g]);
        for (let t = ix.first[g]; t < ix.first[g + 1]; t++) {
          post(t, q === FOLDED && w !== f && ix.forms[t] === w ? EXACT : q, best);
        }
        postBody(g, q, best);
      };
      const own = ix.byKey.get(f);
      if (own !== undefined) use(own, FOLDED);
      const last = prefix && i === qw.length - 1;
      const fuzzy = typos && f.length >= 5;
      if (last || fuzzy) {
        ix.keys.forEach((k, g) => {
          if (g === own) return;
          if (last && k.startsWith(f)) use(g, PREFIX);
          else if (fuzzy && near(k, f)) use(g, TYPO);
        });
      }
      const meaningful = counts(x);
      const weight = meaningful ? 1 : STOP_WEIGHT;
      if (meaningful) matched.push(keys);
      every.push(keys);
      for (let d = 0; d < n; d++) {
        const k = d * 4;
        const s = best[k] + best[k + 1] + best[k + 2] + best[k + 3];
        if (s === 0) continue;
        score[d] += s * weight;
        if (!meaningful) continue;
        found[d]++;
        for (let j = k; j < k + 4; j++) if (best[j] > 0) fields[j]++;
      }
    });
    const hits = [];
    const m = matched.length;
    const seen = new Map(); // folded title -> hit: a guide listed twice is shown once
    for (let d = 0; d < n; d++) {
      if (!found[d]) continue;
      const all = (k) => fields[d * 4 + k] === m;
      const hit = { d, n: found[d], s: score[d] + (all(0) || all(1) || all(2) ? bonus(ix.docs[d], matched, all, every) : 0) };
      const title = ix.docs[d].key;
      const twin = seen.get(title);
      if (twin && (twin.n > hit.n || (twin.n === hit.n && twin.s >= hit.s))) continue;
      if (twin) twin.gone = true;
      seen.set(title, hit);
      hits.push(hit);
    }
    const kept = hits.filter((h) => !h.gone);
    kept.sort((a, b) => b.n - a.n || b.s - a.s || ix.docs[a.d].title.length - ix.docs[b.d].title.length || a.d - b.d);
    return { hits: kept, matched };
  }

  // Does the folded word list contain the query words in a row?
  function phrase(ws, matched) {
    for (let j = 0; j + matched.length <= ws.length; j++) {
      if (matched.every((keys, i) => keys.has(ws[j + i]))) return true;
    }
    return false;
  }

  // Query words in a row in the title (or the whole title), a heading, the
  // description; `all` tells which fields have every query word at all.
  function bonus(doc, matched, all, every) {
    const many = matched.length > 1;
    // The more of its title the query covers, the more likely the guide.
    const covered = doc.tf.filter((w) => every.some((keys) => keys.has(w))).length;
    let b = all(0) && doc.tf.length ? (400 * covered) / doc.tf.length : 0;
    if (all(0) && phrase(doc.tf, matched)) b += (many ? 300 : 0) + (doc.tf.length === matched.length ? 150 : 0);
    if (many && all(1) && doc.hf.some((h) => phrase(h, matched))) b += 50;
    if (many && all(2) && phrase(doc.df, matched)) b += 20;
    return b;
  }

  function search(q, live) {
    const qw = words(q).slice(0, 16); // a pasted paragraph must not freeze a phone
    if (!qw.length) return null;
    const prefix = live && !/\s$/.test(q);
    const r = run(qw, prefix, false);
    // A long word that matched nothing may be mistyped: try one edit away.
    const unmatched = qw.some((x, i) => x.f.length >= 5 && !ix.byKey.has(x.f) && !(prefix && i === qw.length - 1));
    return unmatched ? run(qw, prefix, true) : r;
  }

  // The heading that matches most query words, when the title misses some.
  function hint(doc, matched) {
    const count = (ws) => matched.filter((keys) => ws.some((w) => keys.has(w))).length;
    if (count(doc.tf) === matched.length) return '';
    let top = '';
    let most = 0;
    doc.hf.forEach((ws, i) => {
      const c = count(ws);
      if (c > most) {
        most = c;
        top = doc.heads[i];
      }
    });
    return top;
  }

  const add = (parent, tag, cls) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  };

  // Writes text into el, wrapping the words that matched in <mark>.
  const folded = new Map();
  function mark(el, text, keys) {
    const re = new RegExp(WORD.source, 'g');
    let at = 0;
    let m;
    while ((m = re.exec(text))) {
      let f = folded.get(m[0]);
      if (f === undefined) folded.set(m[0], (f = fold(m[0].toLowerCase())));
      if (!keys.has(f)) continue;
      el.appendChild(document.createTextNode(text.slice(at, m.index)));
      add(el, 'mark').textContent = m[0];
      at = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function render() {
    const { hits, matched } = shown;
    const keys = new Set();
    matched.forEach((k) => k.forEach((w) => keys.add(w)));
    list.textContent = '';
    for (const { d } of hits.slice(0, limit)) {
      const doc = ix.docs[d];
      const li = add(list, 'li');
      const a = add(li, 'a');
      a.href = doc.url;
      mark(a, doc.title, keys);
      if (doc.section) add(li, 'p', 'tim-muc').textContent = `Chuyên mục: ${doc.section}`;
      if (doc.desc) mark(add(li, 'p'), doc.desc, keys);
      const h = hint(doc, matched);
      if (h) {
        const p = add(li, 'p', 'tim-muc');
        p.textContent = 'Có trong mục: ';
        mark(add(p, 'span'), h, keys);
      }
    }
    list.hidden = !hits.length;
    more.hidden = hits.length <= limit;
    az.hidden = hits.length > 0;
    say(hits.length ? `Tìm thấy ${hits.length} bài` : 'Không tìm thấy bài nào. Thử viết không dấu hoặc ít từ hơn.');
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  // Runs the query in the box; `live` while typing (last word as a prefix).
  function update(live) {
    const q = input.value;
    const clean = q.trim();
    const wanted = clean ? `?${new URLSearchParams({ q: clean })}` : '';
    if (location.search !== wanted) history.replaceState(history.state, '', wanted || location.pathname);
    if (!ix) {
      if (ix === null && clean) say('Đang tải dữ liệu tìm kiếm…');
      return null;
    }
    limit = PAGE;
    shown = search(q, live);
    if (shown) return render();
    list.hidden = more.hidden = true;
    az.hidden = false;
    say('');
    return null;
  }

  // The index is downloaded at once, so the search works offline later, but
  // parsed only when wanted: visitors who just read the A–Z list pay no CPU.
  const fetched = fetch(form.dataset.index).then((r) => {
    if (!r.ok) throw new Error(r.status);
    return r.text();
  });
  fetched.catch(() => {}); // reported when the index is wanted, not before
  let loading = null;
  const load = () =>
    loading ||
    (loading = fetched
      .then((text) => {
        const t0 = performance.now();
        ix = prepare(JSON.parse(text));
        search('đăng ký', true); // compiles the hot paths before the first real query
        return performance.now() - t0;
      })
      .catch(() => {
        ix = false;
        say('Không tải được dữ liệu tìm kiếm. Mời xem danh sách bài theo chữ cái bên dưới.');
        return 0;
      })
      .then((ms) => {
        if (ix && input.value.trim()) update(document.activeElement === input);
        return ms;
      }));

  let timer = 0;
  input.addEventListener('focus', load);
  input.addEventListener('input', () => {
    load();
    clearTimeout(timer);
    timer = setTimeout(update, 150, true);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load();
    clearTimeout(timer);
    update(false);
    input.blur();
  });
  more.addEventListener('click', () => {
    const before = limit;
    limit += PAGE;
    render();
    // Keyboard and screen reader users go on from the first new result.
    const next = list.children[before];
    if (next) next.querySelector('a').focus();
  });

  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    load();
  }

  // For tests and benchmarks: `ready` loads the index and gives the ms it
  // took to parse and prepare; `query` runs a query like the search box and
  // times it; `fold` is the folding above (tested against src/search.rs).
  window.loaSearch = {
    fold: (text) => fold(text.toLowerCase()),
    get ready() {
      return load();
    },
    query(text, live) {
      const t0 = performance.now();
      input.value = text;
      update(Boolean(live));
      return {
        ms: performance.now() - t0,
        urls: shown ? shown.hits.map((h) => ix.docs[h.d].url) : [],
      };
    },
  };
})();
