// The studio's DOM building blocks: elements, labelled fields and the error slot every action shows its failure in.
import * as api from './api.js';
import { ApiError } from './api.js';
import { t } from './i18n.js';

/** h('button', {onclick}, 'text', child…): an element with attributes, properties (on…, value) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
  return el;
}

let uid = 0;
export const id = prefix => `${prefix}-${++uid}`;

/** A labelled field: the label names the control, so it is found by its name. */
export function field(label, control, hint) {
  control.id ||= id('f');
  const hintEl = hint ? h('small', { id: id('hint'), class: 'muted' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** Where an error of one action shows: next to its control, with the envelope's code and message. */
export function errorSlot() {
  const el = h('p', { class: 'error', role: 'alert', hidden: true });
  el.show = (e, extra) => {
    el.replaceChildren(e instanceof ApiError && e.status === 0 ? t('offline') : e instanceof ApiError ? t('errorAt', e.code, e.message) : String(e?.message ?? e));
    if (extra) el.append(' ', extra);
    el.hidden = false;
  };
  el.clear = () => { el.hidden = true; el.replaceChildren(); };
  return el;
}

/** A select of the platform presets the API offers (the one table the renderer uses); onpick gets the chosen one. */
export function platformSelect(onpick, chosen = '') {
  const select = h('select', { name: 'platform_preset' }, h('option', { value: '' }, t('noPlatform')));
  const presets = new Map();
  api.get('/render/platform-presets').then(({ data }) => {
    for (const p of data.items) {
      presets.set(p.name, p);
      select.append(h('option', { value: p.name }, `${p.name} (${p.aspect_ratio})`));
    }
    if (chosen && presets.has(chosen) && !select.value) select.value = chosen;
  }).catch(() => {});
  select.addEventListener('change', () => onpick?.(presets.get(select.value) ?? null));
  return select;
}
