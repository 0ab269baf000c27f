// The footage itself on its page: the 540 px proxy in a player and the thumbnails along the timeline, each at its time.
// Their read links expire (15 min), so a player error or an expired link fetches the footage again for fresh ones.
import { t } from './i18n.js';
import { h, errorSlot } from './dom.js';

const EARLY = 30_000; // ms before a link's expiry it is treated as expired: a range request must still get through

/**
 * fetchFootage: answers the footage again (with fresh links); clock: formats seconds. Answers the player, the strip,
 * show(footage) for each load of the footage, and cue(span, play) to go to a span's start (and play it to its end).
 */
export function footagePlayer(fetchFootage, clock) {
  const state = { links: null, retried: false, span: null, resume: null, renewing: null, duration: 1 };
  const video = h('video', { class: 'footage-video', controls: true, preload: 'metadata', playsinline: true, 'aria-label': t('footageVideo') });
  const error = errorSlot();
  const player = h('div', { class: 'player', hidden: true }, video, error);
  const strip = h('ol', { class: 'thumbnails', 'aria-label': t('thumbnails'), hidden: true });

  const expiresAt = links => Math.min(...[links.proxy, ...links.thumbnails].filter(Boolean).map(l => Date.parse(l.expires_at)));
  const stale = () => !state.links || Date.now() >= expiresAt(state.links) - EARLY;

  /** Takes the footage's links; the player keeps its place and whether it was playing. */
  function take(footage) {
    state.links = { proxy: footage.proxy, thumbnails: footage.thumbnails ?? [] };
    state.duration = footage.duration || 1;
    player.hidden = !footage.proxy;
    if (footage.proxy) {
      state.resume = video.currentTime > 0 ? { at: video.currentTime, playing: !video.paused } : null;
      video.src = footage.proxy.url;
    } else {
      video.removeAttribute('src');
    }
    drawStrip();
  }

  function drawStrip() {
    const pct = s => `${(100 * s / state.duration).toFixed(3)}%`;
    strip.hidden = !state.links.thumbnails.length;
    strip.replaceChildren(...state.links.thumbnails.map(th => h('li', { style: `left:${pct(th.at)}`, 'data-at': th.at },
      h('button', { type: 'button', class: 'thumb', 'aria-label': t('goTo', clock(th.at)), onclick: () => go(th.at, null) },
        h('img', { src: th.url, alt: '' }), h('span', { 'data-time': true }, clock(th.at))))));
  }

  /** Fetches the footage again for fresh links; one at a time however many ask. */
  function renew() {
    state.renewing ??= fetchFootage().then(take).catch(e => error.show(e)).finally(() => { state.renewing = null; });
    return state.renewing;
  }

  /** Goes to seconds; span (or null): the span whose end stops the player. */
  async function go(seconds, span, play = false) {
    if (stale()) await renew();
    state.resume = null;
    state.span = span;
    video.currentTime = seconds;
    if (play) video.play().catch(e => error.show(e));
  }

  /** Stops at the cued span's end: checked on every frame shown where the browser tells, else on timeupdate (~4 Hz). */
  function stopAtEnd() {
    if (!state.span || video.paused) return;
    if (video.currentTime >= state.span.end) {
      state.span = null;
      video.pause();
      return;
    }
    video.requestVideoFrameCallback?.(stopAtEnd);
  }
  video.addEventListener('timeupdate', stopAtEnd);
  // The user took the player elsewhere: no span's end stops it any more.
  video.addEventListener('seeking', () => {
    if (state.span && (video.currentTime < state.span.start - 0.5 || video.currentTime > state.span.end)) state.span = null;
  });
  video.addEventListener('play', () => { if (stale()) renew(); stopAtEnd(); });
  // An error is most likely an expired or refused link: fresh links once; failing again, it is the file's.
  video.addEventListener('error', () => {
    if (state.retried) return error.show(new Error(t('videoFailed')));
    state.retried = true;
    renew();
  });
  video.addEventListener('loadedmetadata', () => {
    state.retried = false;
    error.clear();
    if (!state.resume) return;
    video.currentTime = state.resume.at;
    if (state.resume.playing) video.play().catch(e => error.show(e));
    state.resume = null;
  });

  return {
    player,
    strip,
    /** The footage as loaded: fresh links are taken, links still good are kept (a new src would stop the player). */
    show(footage) {
      state.duration = footage.duration || 1;
      if (stale() || !state.links.proxy !== !footage.proxy) take(footage);
    },
    /** Goes to the span's start; it plays to the span's end when play is true or the user presses play there. */
    cue: (span, play = false) => go(span.start, { start: span.start, end: span.end }, play),
  };
}
