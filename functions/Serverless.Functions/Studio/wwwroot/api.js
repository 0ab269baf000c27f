// The /api/v1 client: the JSON envelope {code, message, data, timestamp, request_id}, a Bearer access token kept in
// memory and a refresh token kept in localStorage, so a reload or an expired access token refreshes the session once.
const REFRESH_KEY = 'studio.refresh';
let access = null;
let refreshing = null;

/** An answer whose envelope code is not 0, or no answer at all (code 0, status 0); line: a script's 1-based line at fault. */
export class ApiError extends Error {
  constructor(status, code, message, field, line) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.line = line;
  }
}

export const signedIn = () => access !== null || localStorage.getItem(REFRESH_KEY) !== null;

function keep(tokens) {
  access = tokens.access_token;
  localStorage.setItem(REFRESH_KEY, tokens.refresh_token);
}

export function signOut() {
  const refresh = localStorage.getItem(REFRESH_KEY);
  if (access && refresh) {
    fetch('/api/v1/auth/logout', {
      method: 'POST', headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: refresh }),
    }).catch(() => {});
  }
  access = null;
  localStorage.removeItem(REFRESH_KEY);
}

export async function signIn(email, password) {
  keep((await request('POST', '/auth/login', { email, password }, { anonymous: true })).data);
}

export async function signUp(email, password, username) {
  keep((await request('POST', '/auth/register', { email, password, username: username || null }, { anonymous: true })).data);
}

async function refresh() {
  const token = localStorage.getItem(REFRESH_KEY);
  if (!token) {
    return false;
  }
  refreshing ??= request('POST', '/auth/refresh', { refresh_token: token }, { anonymous: true })
    .then(r => { keep(r.data); return true; })
    .catch(e => { if (e.status === 400 || e.status === 401) { signOut(); } return false; })
    .finally(() => { refreshing = null; });
  return refreshing;
}

async function send(method, path, body, headers, anonymous, raw) {
  const h = { ...headers };
  if (!anonymous && access) {
    h.Authorization = `Bearer ${access}`;
  }
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
  }
  try {
    return await fetch(`/api/v1${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), cache: raw ? 'no-cache' : 'no-store' });
  } catch {
    throw new ApiError(0, 0, 'offline');
  }
}

/**
 * Calls /api/v1{path}; answers {data, etag, status} or throws an ApiError with the envelope's code and message.
 * options: {headers, anonymous, raw (answer the Response itself)}.
 */
export async function request(method, path, body, options = {}) {
  const { headers = {}, anonymous = false, raw = false } = options;
  if (!anonymous && !access) {
    await refresh();
  }
  let response = await send(method, path, body, headers, anonymous, raw);
  if (response.status === 401 && !anonymous && await refresh()) {
    response = await send(method, path, body, headers, anonymous, raw);
  }
  if (raw && response.ok) {
    return response;
  }
  let envelope = null;
  try {
    envelope = await response.json();
  } catch {
    envelope = null;
  }
  if (!response.ok || (envelope && envelope.code !== 0)) {
    throw new ApiError(response.status, envelope?.code ?? response.status, envelope?.message ?? response.statusText, envelope?.error?.field, envelope?.error?.line ?? undefined);
  }
  return { data: envelope?.data, etag: response.headers.get('ETag'), status: response.status };
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const patch = (path, body, options) => request('PATCH', path, body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);
