// The studio in the browser: sign in, projects, the storyboard and the render, footage to clips, over /api/v1 only.
import * as api from './api.js';
import { t, language, setLanguage } from './i18n.js';
import { h, field, errorSlot, platformSelect } from './dom.js';
import { footageListPage, footagePage } from './footage.js';
import { scriptPane, characterBible } from './script.js';
import { historyPane } from './history.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let leave = () => {};

// ---------- routing ----------
export function go(path, replace = false) {
  if (replace) history.replaceState(null, '', path); else history.pushState(null, '', path);
  route();
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[data-link]');
  if (a && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) {
    e.preventDefault();
    go(a.getAttribute('href'));
  }
});
window.addEventListener('popstate', () => route());

function route() {
  leave();
  leave = () => {};
  const path = location.pathname;
  renderNav();
  if (!api.signedIn()) {
    if (path !== '/sign-in') history.replaceState(null, '', '/sign-in');
    return show(signInPage());
  }
  if (path === '/sign-in' || path === '/') return show(projectsPage());
  if (path === '/projects/new') return show(newProjectPage());
  if (path === '/keys') return show(keysPage());
  if (path === '/footage') return show(footageListPage());
  const clip = path.match(/^\/footage\/([^/]+)$/);
  if (clip) return show(footagePage(decodeURIComponent(clip[1]), stop => { leave = stop; }));
  const match = path.match(/^\/projects\/([^/]+)$/);
  if (match) return show(projectPage(decodeURIComponent(match[1])));
  return show(h('section', {}, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/', 'data-link': true }, t('back')))));
}

function show(view) {
  main.replaceChildren(view);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Studio` : 'Studio';
}

function renderNav() {
  document.getElementById('lang-label').textContent = t('language');
  nav.replaceChildren(...(api.signedIn()
    ? [h('a', { href: '/', 'data-link': true }, t('projects')),
      h('a', { href: '/footage', 'data-link': true }, t('footage')),
      h('a', { href: '/keys', 'data-link': true }, t('apiKeys')),
      h('button', { type: 'button', class: 'link', onclick: () => { api.signOut(); go('/sign-in'); } }, t('signOut'))]
    : []));
}

// ---------- sign in / sign up ----------
function signInPage() {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, minlength: 8 });
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'nickname' });
  const error = errorSlot();
  const act = signUp => async e => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    error.clear();
    form.setAttribute('aria-busy', 'true');
    try {
      if (signUp) await api.signUp(email.value.trim(), password.value, username.value.trim());
      else await api.signIn(email.value.trim(), password.value);
      go('/', true);
    } catch (err) {
      error.show(err);
    } finally {
      form.removeAttribute('aria-busy');
    }
  };
  const form = h('form', { class: 'card narrow', onsubmit: act(false) },
    h('h1', {}, t('signIn')),
    h('p', { class: 'muted' }, t('welcome')),
    field(t('email'), email),
    field(t('password'), password),
    field(t('username'), username, t('usernameHint')),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('signIn')),
      h('button', { type: 'button', onclick: act(true) }, t('signUp'))));
  return form;
}

// ---------- projects ----------
function projectsPage() {
  const list = h('ul', { class: 'projects', 'aria-label': t('projects') }, h('li', { class: 'muted' }, t('loading')));
  const pager = h('div', { class: 'actions' });
  const error = errorSlot();
  const load = async page => {
    error.clear();
    try {
      const { data } = await api.get(`/projects?page=${page}&page_size=20`);
      list.replaceChildren(...(data.items.length ? data.items.map(p => h('li', {},
        h('a', { href: `/projects/${encodeURIComponent(p.id)}`, 'data-link': true }, p.name),
        h('small', { class: 'muted' }, ` ${p.aspect_ratio} · ${p.style} · ${t('created', new Date(p.created_at).toLocaleString(language()))}`)))
        : [h('li', { class: 'muted' }, t('noProjects'))]));
      const pages = Math.max(1, Math.ceil(data.total / data.page_size));
      pager.replaceChildren(
        h('button', { type: 'button', disabled: page <= 1, onclick: () => load(page - 1) }, t('previous')),
        h('span', {}, t('page', page, pages)),
        h('button', { type: 'button', disabled: page >= pages, onclick: () => load(page + 1) }, t('next')));
    } catch (e) {
      error.show(e);
    }
  };
  load(1);
  return h('section', {},
    h('div', { class: 'title' }, h('h1', {}, t('projects')),
      h('a', { href: '/projects/new', 'data-link': true, class: 'button primary' }, t('newProject'))),
    error, list, pager);
}

function newProjectPage() {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const script = h('textarea', { name: 'script', rows: 14, required: true, spellcheck: false });
  const file = h('input', { type: 'file', accept: '.txt,.md,.fountain,text/plain,text/markdown', onchange: async () => {
    const f = file.files[0];
    if (f) {
      script.value = await f.text();
      if (!name.value) name.value = f.name.replace(/\.[^.]+$/, '');
    }
  } });
  const style = h('select', { name: 'style' }, ...['anime', 'chinese', 'comic', 'chibi'].map(s => h('option', { value: s }, s)));
  const aspect = h('select', { name: 'aspect_ratio' }, ...['9:16', '16:9', '1:1'].map(s => h('option', { value: s }, s)));
  // A platform preset is a shape (and, at render, a frame rate and loudness): picking one picks its aspect ratio.
  const platform = platformSelect(preset => { if (preset) aspect.value = preset.aspect_ratio; });
  const error = errorSlot();
  const form = h('form', { class: 'card', onsubmit: async e => {
    e.preventDefault();
    error.clear();
    try {
      const { data } = await api.post('/projects', {
        name: name.value.trim(), script: script.value, style: style.value, aspect_ratio: aspect.value, approval_required: true,
      });
      go(`/projects/${encodeURIComponent(data.id)}`, true);
    } catch (err) {
      error.show(err);
      (err.field === 'script' ? script : err.field === 'name' ? name : form.querySelector('button')).focus();
    }
  } },
  h('h1', {}, t('newProject')),
  field(t('name'), name),
  field(t('script'), script),
  field(t('scriptFile'), file),
  h('div', { class: 'row' }, field(t('style'), style), field(t('platform'), platform), field(t('aspectRatio'), aspect)),
  error,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'primary' }, t('create')),
    h('a', { href: '/', 'data-link': true, class: 'button' }, t('cancel'))));
  return form;
}

/** A select of the background music catalog (by category, or one track). */
function musicSelect() {
  const select = h('select', { name: 'music' }, h('option', { value: '' }, t('noMusic')));
  api.get('/audio/bgm?page=1&page_size=100').then(({ data }) => {
    const categories = [...new Set(data.items.map(m => m.category).filter(Boolean))];
    select.append(...categories.map(c => h('option', { value: c }, t('anyOf', c))), ...data.items.map(m => h('option', { value: m.id }, m.name)));
  }).catch(() => {});
  return select;
}

// ---------- API keys ----------
function keysPage() {
  const list = h('ul', { class: 'projects', 'aria-label': t('apiKeys') }, h('li', { class: 'muted' }, t('loading')));
  const name = h('input', { type: 'text', name: 'key_name', required: true, maxlength: 100 });
  const issued = h('p', { class: 'issued', role: 'status' });
  const error = errorSlot();
  const load = async () => {
    try {
      const { data } = await api.get('/keys');
      list.replaceChildren(...(data.items.length ? data.items.map(k => h('li', { class: 'title' },
        h('span', {}, h('strong', {}, k.name), ' ', h('code', {}, `${k.prefix}…`)),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          error.clear();
          try { await api.del(`/keys/${encodeURIComponent(k.key_id)}`); await load(); } catch (e) { error.show(e); }
        } }, t('deleteKey', k.name))))
        : [h('li', { class: 'muted' }, t('noKeys'))]));
    } catch (e) { error.show(e); }
  };
  load();
  return h('section', {},
    h('h1', {}, t('apiKeys')),
    h('form', { class: 'card', onsubmit: async e => {
      e.preventDefault();
      error.clear();
      try {
        const { data } = await api.post('/keys', { name: name.value.trim() });
        issued.replaceChildren(t('keyShownOnce'), ' ', h('code', {}, data.key));
        name.value = '';
        await load();
      } catch (err) { error.show(err); name.focus(); }
    } }, field(t('keyName'), name), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('createKey'))), issued, error),
    list);
}

// ---------- one project ----------
const MOTIONS = ['still', 'zoom_in', 'zoom_out', 'pan_left', 'pan_right'];
const TRANSITIONS = ['cut', 'fade', 'dissolve', 'wipe'];
const ACTIVE = ['queued', 'running', 'awaiting_approval'];

function projectPage(projectId) {
  const base = `/projects/${encodeURIComponent(projectId)}`;
  const state = { project: null, storyboard: null, etag: null, task: null, watching: null, pictures: new Map(), items: new Map(), redraw: new Set(), closed: false };
  const heading = h('h1', {}, '…');
  const pageError = errorSlot();
  const storyError = errorSlot();
  const renderError = errorSlot();
  const list = h('ul', { class: 'storyboard', 'aria-label': t('storyboard') });
  const empty = h('p', { class: 'muted' }, t('noStoryboard'));
  const bar = h('progress', { max: 100, value: 0, 'aria-label': t('progress') });
  const step = h('span', {});
  const left = h('span', {});
  const statusLine = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const progress = h('div', { class: 'progress', hidden: true }, bar, h('div', { class: 'muted' }, step, left));
  const video = h('video', { controls: true, preload: 'metadata', playsinline: true, 'aria-label': t('player'), hidden: true });
  const noVideo = h('p', { class: 'muted' }, t('noVideo'));
  const cues = h('ol', { class: 'cues', 'aria-label': t('subtitles') });
  const subtitleError = errorSlot();
  const subtitles = { etag: null, board: undefined };

  const button = (label, onclick, primary) => h('button', { type: 'button', class: primary ? 'primary' : null, onclick }, label);
  // One task plans and then draws: the first picture follows the plan without a second task to start.
  const generate = button(t('generateStoryboard'), () => start('storyboard', '/storyboard/generate', storyError, { draw_images: true }), true);
  const record = button(t('recordVoices'), () => start('voices', '/audio/generate-dialogues', storyError));
  const platform = platformSelect();
  const music = musicSelect();
  const script = scriptPane(base, () => characters.load());
  const characters = characterBible(base);
  const history = historyPane(base, projectId);
  const approve = button(t('approve'), async () => {
    renderError.clear();
    try {
      await api.post(`${base}/storyboard/approve`, {});
      if (state.task) watch(state.task.task_id, state.watching?.kind ?? 'render');
    } catch (e) { renderError.show(e); }
  }, true);
  const preview = button(t('renderPreview'), () => start('render', '/render/preview', renderError), true);
  const final = button(t('renderFinal'), () => start('render', '/render/final', renderError));
  /** The render's choices: null fields take the project's shape and no music. */
  const renderBody = () => ({ platform_preset: platform.value || null, music: music.value || null });
  const download = button(t('download'), async () => {
    renderError.clear();
    try {
      const { data } = await api.get(`${base}/video/download`);
      const a = h('a', { href: data.download_url, download: `${state.project?.name ?? 'video'}.mp4`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) { renderError.show(e); }
  });
  const remove = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(t('confirmDelete'))) return;
    try { await api.del(base); go('/', true); } catch (e) { pageError.show(e); }
  } }, t('deleteProject'));

  const view = h('section', { class: 'project' },
    h('div', { class: 'title' }, heading, remove),
    pageError,
    h('h2', {}, t('script')), script.el,
    h('h2', {}, t('characters')), characters.el,
    h('div', { class: 'actions' }, generate, record), storyError,
    h('h2', { id: 'storyboard-heading' }, t('storyboard')), empty, list,
    h('h2', {}, t('player')),
    h('div', { class: 'row' }, field(t('platform'), platform), field(t('music'), music)),
    h('div', { class: 'actions' }, preview, approve, final, download),
    statusLine, progress, renderError,
    h('div', { class: 'media' },
      h('div', { class: 'player' }, video, noVideo),
      h('section', { class: 'subtitles', 'aria-labelledby': 'subtitles-heading' },
        h('h3', { id: 'subtitles-heading' }, t('subtitles')), subtitleError, cues)),
    h('h2', {}, t('history')), history.el);

  /** The subtitles beside the player: each cue's text and timing, saved one by one under the track's ETag. */
  async function loadSubtitles() {
    try {
      const { data, etag } = await api.get(`${base}/subtitles`);
      subtitles.etag = etag;
      cues.replaceChildren(...data.cues.map(cueItem));
    } catch (e) {
      if (e.status !== 404) subtitleError.show(e);
    }
  }

  function cueItem(cue) {
    const start = h('input', { type: 'number', min: 0, step: 'any', name: 'start', value: Number(cue.start).toFixed(2) });
    const end = h('input', { type: 'number', min: 0, step: 'any', name: 'end', value: Number(cue.end).toFixed(2) });
    const text = h('input', { type: 'text', name: 'text', value: cue.text, maxlength: 500 });
    const note = h('span', { class: 'muted', role: 'status' });
    const error = errorSlot();
    [start, end, text].forEach(c => c.addEventListener('input', () => { note.textContent = ''; }));
    return h('li', {}, h('form', { class: 'cue', onsubmit: async e => {
      e.preventDefault();
      error.clear();
      try {
        const { etag } = await api.patch(`${base}/subtitles/${encodeURIComponent(cue.id)}`,
          { text: text.value, start: Number(start.value), end: Number(end.value) },
          { headers: subtitles.etag ? { 'If-Match': subtitles.etag } : {} });
        if (etag) subtitles.etag = etag;
        note.textContent = t('saved');
      } catch (err) {
        error.show(err, err.status === 409 ? h('button', { type: 'button', onclick: () => loadSubtitles() }, t('reloadSubtitles')) : null);
        if (err.field === 'start') start.focus(); else if (err.field === 'end') end.focus(); else if (err.field === 'text') text.focus();
      }
    } },
    h('div', { class: 'row' }, field(t('start'), start), field(t('end'), end)),
    field(t('subtitleText'), text),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('save')), note), error));
  }

  /** The answer to a stale edit (409): reload the storyboard, the user's unsaved values given up. */
  function reloadButton(slot, before) {
    return h('button', { type: 'button', onclick: async () => {
      slot.clear();
      before?.();
      await loadStoryboard();
    } }, t('reload'));
  }

  function syncButtons() {
    const busy = state.task && ACTIVE.includes(state.task.status);
    const hasBoard = !!state.storyboard?.shots?.length;
    generate.disabled = !!busy;
    record.disabled = !!busy || !hasBoard;
    preview.disabled = !!busy || !hasBoard;
    final.disabled = !!busy || !hasBoard;
    approve.disabled = state.task?.status !== 'awaiting_approval';
    download.disabled = !state.project?.has_video;
  }

  async function start(kind, path, slot, body) {
    slot.clear();
    try {
      const { data } = await api.post(`${base}${path}`, kind === 'render' ? renderBody() : body);
      state.task = { task_id: data.task_id, status: 'queued', progress: 0, current_step: 'queued' };
      syncButtons();
      watch(data.task_id, kind);
      history.load();
    } catch (e) { slot.show(e); }
  }

  /** Polls the task view until the task ends (and, while it plans or draws, the storyboard); a finished render shows the video. */
  function watch(taskId, kind) {
    const me = { taskId, kind };
    state.watching = me;
    const tick = async () => {
      if (state.closed || state.watching !== me) return;
      try {
        // The storyboard is read beside the task, not after it: a picture drawn since the last tick shows one round trip sooner.
        const board = kind !== 'render' ? loadStoryboard() : null;
        const { data: task } = await api.get(`/tasks/${encodeURIComponent(taskId)}`);
        await board;
        state.task = task;
        showTask(task, kind);
        if (kind === 'render' && task.status === 'awaiting_approval') await loadStoryboard();
        if (task.status === 'completed') {
          state.watching = null;
          if (state.redraw.size) {
            for (const shotId of state.redraw) { state.pictures.delete(shotId); state.items.get(shotId)?.el.querySelector('.picture')?.classList.remove('busy'); }
            state.redraw.clear();
          }
          // Read once more: the last pictures may have landed after the read beside the task.
          if (kind !== 'render') await loadStoryboard();
          history.load();
          // A render writes the pictures and clips it used back onto the storyboard (a new ETag, new subtitle timing).
          if (kind === 'render') { await loadProject(); await loadStoryboard(); await loadVideo(); }
          syncButtons();
          return;
        }
        if (task.status === 'failed' || task.status === 'cancelled') {
          state.watching = null;
          if (kind !== 'render') await loadStoryboard();
          history.load();
          (kind === 'render' ? renderError : storyError).show(new api.ApiError(200, task.error?.code ?? task.status, task.error?.message ?? t(task.status)));
          syncButtons();
          return;
        }
      } catch (e) {
        (kind === 'render' ? renderError : storyError).show(e);
      }
      syncButtons();
      setTimeout(tick, kind === 'render' ? 500 : 250);
    };
    tick();
  }

  function showTask(task, kind) {
    statusLine.textContent = `${t('status', t(task.status))}${task.status === 'awaiting_approval' ? ' — ' + t('awaiting') : ''}`;
    const running = ACTIVE.includes(task.status);
    progress.hidden = !(kind === 'render' || running);
    bar.value = task.progress ?? 0;
    bar.setAttribute('aria-valuetext', `${task.progress ?? 0}% · ${task.current_step ?? ''}`);
    step.textContent = t('step', task.current_step ?? '');
    left.textContent = task.estimated_remaining != null && running ? ' · ' + t('timeLeft', Math.max(0, Math.round(task.estimated_remaining))) : '';
  }

  async function loadProject() {
    const { data } = await api.get(base);
    state.project = data;
    heading.textContent = data.name;
    document.title = `${data.name} · Studio`;
  }

  async function loadStoryboard() {
    try {
      const { data, etag } = await api.get(`${base}/storyboard`);
      state.storyboard = data;
      state.etag = etag;
      drawStoryboard();
      // Subtitles are timed from the storyboard until edited: a changed storyboard changes them (and their ETag).
      if (data.shots?.length && etag !== subtitles.board) {
        subtitles.board = etag;
        await loadSubtitles();
      }
    } catch (e) {
      if (e.status !== 404) storyError.show(e);
    }
  }

  async function loadVideo() {
    if (!state.project?.has_video) return;
    try {
      const { data } = await api.get(`${base}/video/download`);
      if (video.dataset.src !== data.download_url) {
        video.dataset.src = data.download_url;
        video.src = data.download_url;
      }
      video.hidden = false;
      noVideo.hidden = true;
    } catch (e) {
      if (e.status !== 404) renderError.show(e);
    }
  }

  function drawStoryboard() {
    const shots = state.storyboard?.shots ?? [];
    empty.hidden = shots.length > 0;
    const seen = new Set();
    shots.forEach((shot, i) => {
      seen.add(shot.id);
      let item = state.items.get(shot.id);
      if (!item) {
        item = shotItem(shot);
        state.items.set(shot.id, item);
      }
      item.update(shot);
      if (list.children[i] !== item.el) list.insertBefore(item.el, list.children[i] ?? null);
    });
    for (const [shotId, item] of state.items) {
      if (!seen.has(shotId)) { item.el.remove(); state.items.delete(shotId); }
    }
  }

  const spoken = s => s.line_type === 'dialogue' || s.line_type === 'narration';

  /** One shot of the grid: its picture and speaker, and its line, duration, camera move and transition, editable in place. */
  function shotItem(shot) {
    const figure = h('div', { class: 'picture' }, h('span', { class: 'muted' }, t('drawing')));
    const label = h('h3', {});
    const who = h('p', { class: 'who' });
    const line = h('blockquote', { 'aria-label': t('line') });
    // A spoken shot's line is edited in place; an action's text describes its picture, which the API does not redraw
    // for a new description, so it stays read-only there.
    const text = h('textarea', { name: 'text', rows: 2, maxlength: 500, required: true });
    const textField = field(t('line'), text);
    const duration = h('input', { type: 'number', min: 0.5, max: 30, step: 'any', inputmode: 'decimal', name: 'duration' });
    const motion = h('select', { name: 'motion' }, ...MOTIONS.map(m => h('option', { value: m }, t(m))));
    const transition = h('select', { name: 'transition' }, ...TRANSITIONS.map(m => h('option', { value: m }, t(m))));
    const note = h('span', { class: 'muted', role: 'status' });
    const error = errorSlot();
    let dirty = false;
    const edited = () => { dirty = true; note.textContent = ''; };
    [text, duration, motion, transition].forEach(c => c.addEventListener('input', edited));
    const form = h('form', { class: 'edit', onsubmit: async e => {
      e.preventDefault();
      error.clear();
      const body = { duration: Number(duration.value), motion: motion.value, transition: transition.value };
      // Sent only when changed: a new line drops the recorded voice, which an unchanged one should keep.
      if (spoken(current) && text.value.trim() !== current.text) body.text = text.value;
      try {
        const { data, etag } = await api.patch(`${base}/shots/${encodeURIComponent(current.id)}`, body, { headers: state.etag ? { 'If-Match': state.etag } : {} });
        if (etag) state.etag = etag;
        dirty = false;
        const shots = state.storyboard.shots.map(s => s.id === data.id ? data : s);
        state.storyboard = { ...state.storyboard, shots };
        update(data);
        note.textContent = t('saved');
      } catch (err) {
        if (err.status === 409) {
          error.show(err, reloadButton(error, () => { dirty = false; }));
        } else {
          error.show(err);
          if (err.field === 'duration') duration.focus();
          if (err.field === 'text') text.focus();
        }
      }
    } },
    textField,
    h('div', { class: 'row' }, field(t('duration'), duration), field(t('motion'), motion), field(t('transition'), transition)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('save')), note), error);
    const prompt = h('textarea', { name: 'prompt_override', rows: 2, maxlength: 1000 });
    const regenError = errorSlot();
    const regenerate = h('details', { class: 'regen' }, h('summary', {}, t('regenerate')),
      h('form', { onsubmit: async e => {
        e.preventDefault();
        regenError.clear();
        try {
          const { data, etag } = await api.post(`${base}/shots/${encodeURIComponent(current.id)}/regenerate`,
            prompt.value.trim() ? { prompt_override: prompt.value.trim() } : {}, { headers: state.etag ? { 'If-Match': state.etag } : {} });
          if (etag) state.etag = etag;
          state.redraw.add(current.id);
          state.task = { task_id: data.task_id, status: 'queued', progress: 0, current_step: 'queued' };
          figure.classList.add('busy');
          syncButtons();
          watch(data.task_id, 'images');
        } catch (err) {
          regenError.show(err, err.status === 409 ? reloadButton(regenError) : null);
        }
      } }, field(t('promptOverride'), prompt), h('button', { type: 'submit' }, t('regenerate')), regenError));
    const voice = h('audio', { controls: true, preload: 'metadata', hidden: true });
    const el = h('li', { class: 'shot' }, figure, h('div', { class: 'body' }, label, who, line, voice, form, regenerate));
    let current = shot;

    function update(s) {
      current = s;
      label.textContent = t('shot', s.index + 1);
      el.setAttribute('aria-label', t('shot', s.index + 1));
      who.textContent = [s.character ?? (s.line_type === 'narration' ? t('narration') : t('action')), s.emotion].filter(Boolean).join(' · ');
      line.textContent = s.text;
      line.hidden = spoken(s);
      textField.hidden = !spoken(s);
      text.disabled = !spoken(s);
      if (!dirty && !form.contains(document.activeElement)) {
        text.value = s.text;
        duration.value = Number(s.duration).toFixed(1);
        motion.value = s.motion;
        transition.value = s.transition;
      }
      voice.setAttribute('aria-label', t('voiceOf', s.index + 1));
      if (s.image) picture(s, figure);
      if (s.voice) recording(s, voice); else { voice.hidden = true; voice.removeAttribute('src'); delete voice.dataset.key; }
    }
    return { el, update };
  }

  /** The picture from a short-lived link the API signs for its owner; asked for again only when the shot's image blob changes or after a regeneration. */
  async function picture(shot, figure) {
    const key = `${shot.image.container}/${shot.image.path}`;
    const known = state.pictures.get(shot.id);
    if (known && known.key === key) return;
    state.pictures.set(shot.id, { key });
    try {
      const { data } = await api.get(`${base}/shots/${encodeURIComponent(shot.id)}/image`);
      const img = h('img', { src: data.url, alt: `${t('shot', shot.index + 1)}: ${shot.text}`, decoding: 'async' });
      img.addEventListener('load', () => figure.replaceChildren(img), { once: true });
      img.addEventListener('error', () => state.pictures.delete(shot.id), { once: true });
      if (!figure.querySelector('img')) figure.replaceChildren(img);
    } catch {
      state.pictures.delete(shot.id);
    }
  }

  /** The shot's recorded line in its player, from a short-lived link asked for again only when the recording changes. */
  async function recording(shot, audio) {
    const key = `${shot.voice.container}/${shot.voice.path}`;
    if (audio.dataset.key === key) return;
    audio.dataset.key = key;
    try {
      const { data } = await api.get(`${base}/shots/${encodeURIComponent(shot.id)}/voice`);
      audio.src = data.url;
      audio.hidden = false;
    } catch {
      delete audio.dataset.key;
    }
  }

  leave = () => { state.closed = true; };

  (async () => {
    try {
      await loadProject();
    } catch (e) {
      if (e.status === 404) {
        view.replaceChildren(h('h1', {}, t('notFound')), h('p', {}, t('notFoundHint')), pageError,
          h('p', {}, h('a', { href: '/', 'data-link': true }, t('back'))));
        pageError.show(e);
        document.title = `${t('notFound')} · Studio`;
      } else {
        pageError.show(e);
      }
      return;
    }
    await loadStoryboard();
    await loadVideo();
    script.load();
    characters.load();
    history.load();
    const latest = state.project.latest_task_id;
    if (latest) {
      try {
        const { data: task } = await api.get(`/tasks/${encodeURIComponent(latest)}`);
        state.task = task;
        if (ACTIVE.includes(task.status)) {
          const kind = ['assets', 'render', 'approval', 'publish'].some(s => (task.current_step ?? '').includes(s)) ? 'render' : 'images';
          watch(task.task_id, kind);
        }
      } catch { /* the task view is optional here */ }
    }
    syncButtons();
  })();
  syncButtons();
  return view;
}

// ---------- start ----------
const picker = document.getElementById('lang');
picker.value = language();
setLanguage(language());
picker.addEventListener('change', () => { setLanguage(picker.value); route(); });
route();
