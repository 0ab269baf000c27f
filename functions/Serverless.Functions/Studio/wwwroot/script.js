// A project's script beside its parse, and its character bible: the text edited and parsed (a refusal points at the
// line at fault), each character's appearance, colour, voice and reference picture edited under the bible's ETag.
import * as api from './api.js';
import { t } from './i18n.js';
import { h, field, errorSlot } from './dom.js';

/** The 0-based character offsets where 1-based line n of text starts and ends (the API counts lines at LF). */
function lineSpan(text, n) {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return null;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** The script pane: the text, and its parse (scenes and their lines) beside it. onParsed runs after a parse that took. */
export function scriptPane(base, onParsed) {
  const text = h('textarea', { name: 'script', rows: 14, spellcheck: false, maxlength: 1000000 });
  const note = h('span', { class: 'muted', role: 'status' });
  const error = errorSlot();
  const where = h('p', { class: 'bad-line', hidden: true });
  const parsed = h('div', { class: 'parsed', role: 'region', 'aria-label': t('parsedScript') }, h('p', { class: 'muted' }, t('notParsed')));
  // A load answering after the user started typing must not put the stored text back over theirs.
  let edited = false;
  text.addEventListener('input', () => { edited = true; note.textContent = ''; });

  function showParse(screenplay) {
    const m = screenplay.metadata;
    parsed.replaceChildren(
      h('p', { class: 'muted' }, t('parseSummary', m.total_scenes, m.total_shots, Math.round(m.estimated_duration))),
      ...screenplay.scenes.map(scene => h('section', { class: 'scene' },
        h('h4', {}, [scene.location, scene.time].filter(Boolean).join(' · ') || scene.id),
        h('ol', {}, ...scene.shots.map(line => h('li', { class: line.type },
          h('strong', {}, line.type === 'dialogue' ? `${line.character}${line.emotion ? ` (${line.emotion})` : ''}` : t(line.type)),
          ': ', line.text))))));
  }

  /** A refusal beside the text; one naming a line marks it and selects it in the text. */
  function showRefusal(e) {
    error.show(e);
    if (!(e instanceof api.ApiError) || !e.line) return;
    const span = lineSpan(text.value, e.line);
    where.replaceChildren(h('strong', {}, t('atLine', e.line)), ' ', h('mark', { 'data-line': e.line }, span ? text.value.slice(span[0], Math.min(span[1], span[0] + 120)) : ''));
    where.hidden = false;
    if (span) {
      text.focus();
      text.setSelectionRange(span[0], span[1]);
    }
  }

  async function parse() {
    error.clear();
    where.hidden = true;
    try {
      const { data } = await api.post(`${base}/script/parse`);
      showParse(data);
      onParsed?.();
    } catch (e) {
      parsed.replaceChildren(h('p', { class: 'muted' }, t('notParsed')));
      showRefusal(e);
    }
  }

  const form = h('form', { class: 'script-text', onsubmit: async e => {
    e.preventDefault();
    error.clear();
    try {
      await api.put(`${base}/script`, { content: text.value });
      note.textContent = t('saved');
    } catch (err) {
      showRefusal(err);
      return;
    }
    await parse();
  } },
  field(t('script'), text),
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('saveAndParse')), note),
  error, where);

  const load = async () => {
    try {
      const { data } = await api.get(`${base}/script`);
      if (!edited) text.value = data.content;
    } catch (e) {
      if (e.status !== 409) error.show(e);
      return;
    }
    try {
      const { data } = await api.get(`${base}/script/parsed`);
      showParse(data);
    } catch (e) {
      if (e.status === 404) await parse(); else error.show(e);
    }
  };

  return { el: h('div', { class: 'script-pane' }, form, parsed), load };
}

/** The character bible: one form per character, saved under the bible's ETag (a stale one offers to reload). */
export function characterBible(base) {
  const list = h('ul', { class: 'characters', 'aria-label': t('characters') });
  const error = errorSlot();
  const bible = { etag: null, voices: [], pictures: [] };

  async function load() {
    error.clear();
    try {
      const [{ data, etag }, voices, assets] = await Promise.all([
        api.get(`${base}/characters`),
        bible.voices.length ? { data: { items: bible.voices } } : api.get('/voices'),
        api.get(`${base}/assets`).catch(() => ({ data: { items: [] } })),
      ]);
      bible.etag = etag;
      bible.voices = voices.data.items;
      bible.pictures = (assets.data.items ?? []).filter(a => a.content_type?.startsWith('image/') && a.status === 'uploaded');
      list.replaceChildren(...(data.items.length ? data.items.map(characterItem) : [h('li', { class: 'muted' }, t('noCharacters'))]));
    } catch (e) {
      error.show(e);
    }
  }

  function characterItem(c) {
    const appearance = h('textarea', { name: 'appearance', rows: 2, maxlength: 1000, value: c.appearance ?? '' });
    const color = h('input', { type: 'color', name: 'color', value: c.color ?? '#888888' });
    const voice = h('select', { name: 'voice_id' }, h('option', { value: '' }, t('voiceAuto')),
      ...bible.voices.map(v => h('option', { value: v }, v)));
    voice.value = c.voice_id ?? '';
    const picture = h('select', { name: 'reference_image_asset_id' }, h('option', { value: '' }, t('noPicture')),
      ...bible.pictures.map(a => h('option', { value: a.asset_id }, a.file_name)));
    picture.value = c.reference_image_asset_id ?? '';
    const note = h('span', { class: 'muted', role: 'status' });
    const itemError = errorSlot();
    const sample = h('audio', { controls: true, preload: 'none', hidden: true, 'aria-label': t('voiceSampleOf', c.name) });
    const listen = h('button', { type: 'button', onclick: async () => {
      itemError.clear();
      try {
        const { data } = await api.get(`${base}/characters/${encodeURIComponent(c.id)}/voice-sample`);
        sample.src = data.url;
        sample.hidden = false;
        await sample.play().catch(() => {});
      } catch (e) { itemError.show(e); }
    } }, t('voiceSample'));
    [appearance, color, voice, picture].forEach(x => x.addEventListener('input', () => { note.textContent = ''; }));
    return h('li', { class: 'character', style: `--who:${c.color ?? '#888888'}` }, h('form', { 'aria-label': c.name, onsubmit: async e => {
      e.preventDefault();
      itemError.clear();
      // An empty string clears a field; the colour is sent only once set or changed, so "no colour" stays possible.
      const body = { appearance: appearance.value.trim(), voice_id: voice.value, reference_image_asset_id: picture.value };
      if (c.color || color.value !== '#888888') body.color = color.value;
      try {
        const { data, etag } = await api.patch(`${base}/characters/${encodeURIComponent(c.id)}`, body, { headers: bible.etag ? { 'If-Match': bible.etag } : {} });
        if (etag) bible.etag = etag;
        Object.assign(c, data);
        note.textContent = t('saved');
      } catch (err) {
        itemError.show(err, err.status === 409 ? h('button', { type: 'button', onclick: () => load() }, t('reloadCharacters')) : null);
      }
    } },
    h('h3', {}, c.name, c.attributes?.length ? h('small', { class: 'muted' }, ` ${c.attributes.join(', ')}`) : null),
    field(t('appearance'), appearance),
    h('div', { class: 'row' }, field(t('color'), color), field(t('voice'), voice), field(t('referencePicture'), picture)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('save')), listen, note), sample, itemError));
  }

  return { el: h('div', {}, error, list), load };
}
