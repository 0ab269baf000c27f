// Footage to clips: the user's footage, and one footage's player and thumbnails, its transcript with its highlights
// marked, a timeline whose spans' edges drag (pointer, or arrow keys), and clips made of the chosen spans, followed
// until they finish.
import * as api from './api.js';
import { t } from './i18n.js';
import { h, field, errorSlot, platformSelect } from './dom.js';
import { footagePlayer } from './footage-player.js';

const STEP = 0.5; // seconds an arrow key moves an edge (Shift: ten times)
const MIN_GAP = 1; // seconds an edge keeps from the other one of its span
const round = s => Math.round(s * 1000) / 1000;
const clock = s => `${Math.floor(s / 60)}:${(s % 60).toFixed(1).padStart(4, '0')}`;
const status = s => t(`footage_${s}`);

export function footageListPage() {
  const list = h('ul', { class: 'footage-list', 'aria-label': t('footage') });
  const error = errorSlot();
  api.get('/footage?page_size=50').then(({ data }) => {
    list.replaceChildren(...(data.items.length ? data.items.map(f => h('li', { 'data-footage': f.footage_id },
      h('a', { href: `/footage/${encodeURIComponent(f.footage_id)}`, 'data-link': true }, f.file_name), ' ',
      h('span', { class: 'badge' }, status(f.status)), ' ',
      h('small', { class: 'muted' }, f.duration ? clock(f.duration) : '', ` · ${t('highlightCount', f.highlights)}`)))
      : [h('li', { class: 'muted' }, t('noFootage'))]));
  }).catch(e => error.show(e));
  return h('section', {}, h('h1', {}, t('footage')), error, list);
}

/** One footage; onLeave gets the function that stops its polling when the user goes elsewhere. */
export function footagePage(footageId, onLeave) {
  const state = { closed: false, footage: null, spans: [], watching: null };
  onLeave(() => { state.closed = true; });
  const heading = h('h1', {}, t('footage'));
  const error = errorSlot();
  const transcript = h('p', { class: 'transcript', 'aria-label': t('transcript') });
  const timeline = h('div', { class: 'timeline', role: 'group', 'aria-label': t('timeline') });
  const fetchFootage = async () => (await api.get(`/footage/${encodeURIComponent(footageId)}`)).data;
  const preview = footagePlayer(fetchFootage, clock);
  // Focusing a span (an edge, by keyboard or after a drag) shows its start in the player.
  timeline.addEventListener('focusin', e => {
    const span = state.spans.find(s => s.id === e.target.closest('[data-span]')?.dataset.span);
    if (span) preview.cue(span);
  });
  const spanList = h('ul', { class: 'spans', 'aria-label': t('highlights') });
  const clips = h('ul', { class: 'clips', 'aria-label': t('clips') });
  const platform = platformSelect(null, 'douyin');
  const make = h('button', { type: 'button', onclick: makeClips, disabled: true }, t('makeClips'));
  const clipError = errorSlot();
  const body = h('div', { hidden: true },
    h('p', { class: 'muted', 'data-status': true }),
    preview.player,
    h('h2', {}, t('highlights')), timeline, preview.strip, spanList,
    h('div', { class: 'row' }, field(t('platform'), platform), make), clipError,
    h('h2', {}, t('transcript')), transcript,
    h('h2', {}, t('clips')), clips);

  async function load() {
    try {
      const data = await fetchFootage();
      state.footage = data;
      preview.show(data);
      state.spans = data.highlights.map(hl => ({ ...hl, chosen: false, original: [hl.start, hl.end] }));
      heading.textContent = data.file_name;
      document.title = `${data.file_name} · Studio`;
      body.querySelector('[data-status]').textContent = `${status(data.status)}${data.duration ? ` · ${clock(data.duration)}` : ''}`;
      body.hidden = false;
      drawSpans();
      await loadClips();
    } catch (e) {
      if (e.status === 404) heading.textContent = t('footageNotFound');
      error.show(e);
    }
  }

  /** The transcript's words, those inside a chosen or offered span marked with that span's id. */
  function drawTranscript() {
    const words = state.footage.transcript?.words ?? [];
    if (!words.length) return transcript.replaceChildren(h('span', { class: 'muted' }, state.footage.note ?? t('noTranscript')));
    const runs = [];
    for (const w of words) {
      const span = state.spans.find(s => w.start >= s.start && w.end <= s.end);
      const last = runs[runs.length - 1];
      if (last && last.span === span) last.words.push(w.text); else runs.push({ span, words: [w.text] });
    }
    transcript.replaceChildren(...runs.flatMap(r => [r.span
      ? h('mark', { 'data-highlight': r.span.id, title: r.span.reason }, r.words.join(' '))
      : r.words.join(' '), ' ']));
  }

  function drawSpans() {
    const duration = state.footage.duration || 1;
    const pct = s => `${(100 * s / duration).toFixed(3)}%`;
    timeline.replaceChildren(...state.spans.map(span => {
      const bar = h('div', { class: `span${span.chosen ? ' chosen' : ''}`, 'data-span': span.id, style: `left:${pct(span.start)};width:${pct(span.end - span.start)}` },
        edge(span, 'start'), h('span', { class: 'span-label' }, span.id), edge(span, 'end'));
      return bar;
    }));
    spanList.replaceChildren(...state.spans.map(span => h('li', { 'data-span': span.id },
      h('label', {}, h('input', { type: 'checkbox', checked: span.chosen, onchange: e => choose(span, e.target.checked) }),
        ` ${t('clipOf', span.id)} `),
      h('button', { type: 'button', class: 'link', onclick: () => preview.cue(span, true) }, t('playSpan', span.id)), ' ',
      h('span', { 'data-times': true }, `${clock(span.start)}–${clock(span.end)} (${(span.end - span.start).toFixed(1)} s)`), ' ',
      h('strong', {}, t('score', span.score.toFixed(2))), ' ', h('span', { class: 'muted' }, span.reason))));
    make.disabled = !state.spans.some(s => s.chosen);
    drawTranscript();
  }

  /** Choosing a span shows its start in the player. */
  function choose(span, chosen) {
    span.chosen = chosen;
    redraw();
    if (chosen) preview.cue(span);
  }

  function redraw() {
    const focused = document.activeElement?.dataset?.edge ? [document.activeElement.dataset.edge, document.activeElement.closest('[data-span]')?.dataset.span] : null;
    drawSpans();
    if (focused) timeline.querySelector(`[data-span="${focused[1]}"] [data-edge="${focused[0]}"]`)?.focus();
  }

  /** A span's edge: a slider moved by dragging (pointer events) or by the arrow keys; moving it chooses the span. */
  function edge(span, which) {
    const duration = state.footage.duration;
    const value = span[which];
    const el = h('div', {
      class: `edge ${which}`, role: 'slider', tabindex: 0, 'data-edge': which,
      'aria-label': t(which === 'start' ? 'startOf' : 'endOf', span.id),
      'aria-valuemin': 0, 'aria-valuemax': round(duration), 'aria-valuenow': round(value), 'aria-valuetext': clock(value),
    });
    const move = seconds => {
      const bounded = which === 'start'
        ? Math.min(Math.max(0, seconds), span.end - MIN_GAP)
        : Math.max(Math.min(duration, seconds), span.start + MIN_GAP);
      span[which] = round(bounded);
      span.chosen = true;
    };
    el.addEventListener('pointerdown', e => {
      e.preventDefault();
      el.setPointerCapture(e.pointerId);
      const rect = timeline.getBoundingClientRect();
      const at = ev => duration * (ev.clientX - rect.left) / rect.width;
      const grip = at(e) - span[which]; // where on the handle it was taken, so the edge does not jump to the pointer
      const follow = ev => {
        move(at(ev) - grip);
        const bar = el.parentElement;
        bar.style.left = `${(100 * span.start / duration).toFixed(3)}%`;
        bar.style.width = `${(100 * (span.end - span.start) / duration).toFixed(3)}%`;
      };
      const done = () => { el.removeEventListener('pointermove', follow); el.removeEventListener('pointerup', done); el.removeEventListener('pointercancel', done); redraw(); preview.cue(span); };
      el.addEventListener('pointermove', follow);
      el.addEventListener('pointerup', done);
      el.addEventListener('pointercancel', done);
    });
    el.addEventListener('keydown', e => {
      const step = (e.shiftKey ? 10 : 1) * STEP;
      const delta = { ArrowLeft: -step, ArrowDown: -step, ArrowRight: step, ArrowUp: step }[e.key];
      if (delta === undefined) return;
      e.preventDefault();
      move(span[which] + delta);
      redraw();
    });
    return el;
  }

  async function makeClips() {
    clipError.clear();
    make.disabled = true;
    try {
      const spans = state.spans.filter(s => s.chosen).map(s => ({ highlight_id: s.id, start: s.start, end: s.end }));
      const { data } = await api.post(`/footage/${encodeURIComponent(footageId)}/clips`, { spans, platform_preset: platform.value || null });
      watch(data.task_id);
      await load();
    } catch (e) {
      clipError.show(e);
    } finally {
      make.disabled = !state.spans.some(s => s.chosen);
    }
  }

  async function loadClips() {
    const { data } = await api.get(`/footage/${encodeURIComponent(footageId)}/clips`);
    clips.replaceChildren(...(data.clips.length ? data.clips.map(c => h('li', { 'data-clip': c.id, 'data-status': c.status },
      `${c.highlight_id} · ${clock(c.start)}–${clock(c.end)} · ${c.platform} · `, h('strong', {}, status(c.status)),
      c.download_url ? [' ', h('a', { href: c.download_url, download: '' }, t('download'))] : null,
      c.error ? [' ', h('span', { class: 'error' }, c.error)] : null))
      : [h('li', { class: 'muted' }, t('noClips'))]));
    return data;
  }

  /** Polls the clips task until it ends, listing the clips (and their links) as each finishes. */
  function watch(taskId) {
    const me = { taskId };
    state.watching = me;
    const tick = async () => {
      if (state.closed || state.watching !== me) return;
      try {
        const { data: task } = await api.get(`/tasks/${encodeURIComponent(taskId)}`);
        await loadClips();
        if (['completed', 'failed', 'cancelled'].includes(task.status)) {
          state.watching = null;
          if (task.status !== 'completed') clipError.show(new api.ApiError(200, task.error?.code ?? task.status, task.error?.message ?? t(task.status)));
          return;
        }
      } catch (e) {
        clipError.show(e);
      }
      setTimeout(tick, 1000);
    };
    tick();
  }

  load();
  return h('section', {}, h('p', {}, h('a', { href: '/footage', 'data-link': true }, t('allFootage'))), heading, error, body);
}
