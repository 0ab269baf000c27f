// A project's history: its tasks (newest first) and the webhook messages sent about it.
import * as api from './api.js';
import { t, language } from './i18n.js';
import { h, errorSlot } from './dom.js';

// Bounds on what one look at the webhook log reads: the user's first endpoints, each one's latest deliveries.
const MAX_WEBHOOKS = 10;
const DELIVERIES_PER_WEBHOOK = 50;

const when = at => new Date(at).toLocaleString(language());

/** The project a webhook message is about (its body as signed and sent). */
function projectOf(body) {
  try {
    return JSON.parse(body).data?.project_id ?? null;
  } catch {
    return null;
  }
}

export function historyPane(base, projectId) {
  const tasks = h('ul', { class: 'history', 'aria-label': t('taskHistory') });
  const deliveries = h('ul', { class: 'history', 'aria-label': t('webhookHistory') });
  const error = errorSlot();

  async function loadTasks() {
    const { data } = await api.get(`${base}/tasks`);
    tasks.replaceChildren(...(data.items.length ? data.items.map(task => h('li', { 'data-task': task.task_id },
      h('strong', {}, t(task.status)), ' ', h('code', {}, task.task_id), ' ',
      h('small', { class: 'muted' }, t('startedAt', when(task.created_at)), task.completed_at ? ` · ${t('endedAt', when(task.completed_at))}` : ''),
      task.error ? h('p', { class: 'error' }, t('errorAt', task.error.code, task.error.message)) : null))
      : [h('li', { class: 'muted' }, t('noTasks'))]));
  }

  async function loadDeliveries() {
    const { data } = await api.get(`/webhooks?page=1&page_size=${MAX_WEBHOOKS}`);
    const found = [];
    for (const hook of data.items) {
      const { data: page } = await api.get(`/webhooks/${encodeURIComponent(hook.id)}/deliveries?page=1&page_size=${DELIVERIES_PER_WEBHOOK}`);
      found.push(...page.items.filter(d => projectOf(d.body) === projectId).map(d => ({ ...d, url: hook.url })));
    }
    found.sort((a, b) => b.created_at.localeCompare(a.created_at));
    deliveries.replaceChildren(...(found.length ? found.map(d => h('li', {},
      h('strong', {}, d.event), ' → ', h('code', {}, d.url), ' ',
      h('small', { class: 'muted' }, `${d.status} · ${when(d.created_at)} · ${t('attempts', d.attempts.length)}`)))
      : [h('li', { class: 'muted' }, t('noDeliveries'))]));
  }

  async function load() {
    error.clear();
    const results = await Promise.allSettled([loadTasks(), loadDeliveries()]);
    const failed = results.find(r => r.status === 'rejected');
    if (failed) error.show(failed.reason);
  }

  const el = h('div', { class: 'history-pane' },
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: load }, t('refreshHistory'))),
    error,
    h('h3', {}, t('taskHistory')), tasks,
    h('h3', {}, t('webhookHistory')), deliveries);
  return { el, load };
}
