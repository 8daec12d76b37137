// A small element builder: text always goes in as text (never as HTML), so data from the API cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'className') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const fmt = {
  pct: (x) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(0)} %`),
  num: (x, d = 2) => (x === null || x === undefined ? '–' : Number(x).toFixed(d)),
  int: (x) => (x === null || x === undefined ? '–' : Number(x).toLocaleString('en-GB')),
  time: (t) => (t ? new Date(t).toISOString().replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, 'Z') : '–'),
  day: (t) => (t ? new Date(t).toISOString().slice(0, 10) : '–'),
};
