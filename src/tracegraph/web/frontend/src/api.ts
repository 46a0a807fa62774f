// The REST API client: JSON in and out, errors as {type, message}, auth by bearer token or session cookie.

export class ApiError extends Error {
  constructor(
    public status: number,
    public type: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = "tracegraph.token";
let csrfToken: string | null = null;

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra: Record<string, string> = {}, mutating = false): Headers {
  const out = new Headers(extra);
  const bearer = token();
  if (bearer) out.set("Authorization", `Bearer ${bearer}`);
  if (mutating && csrfToken) out.set("X-CSRF-Token", csrfToken);
  return out;
}

async function fail(res: Response): Promise<never> {
  let type = `HTTP ${res.status}`;
  let message = res.statusText || "request failed";
  try {
    const body = await res.json();
    if (body && typeof body === "object") {
      type = String(body.type ?? type);
      const detail = body.message ?? body.detail;
      message = typeof detail === "string" ? detail : JSON.stringify(detail ?? message);
    }
  } catch {
    /* not JSON: keep the status text */
  }
  if (res.status === 401) window.dispatchEvent(new CustomEvent("tracegraph:unauthorised"));
  if (res.status === 403 && /csrf/i.test(message)) {
    // the page's CSRF token is missing or stale (the session was renewed in another tab): fetch the
    // current one so that trying again works, and say so in words a user can act on
    await session().catch(() => null);
    throw new ApiError(403, "csrf", "The server refused this change: the page's security token (CSRF) was missing or out of date. It has been renewed; try again.");
  }
  throw new ApiError(res.status, type, message);
}

export type Params = Record<string, string | number | boolean | null | undefined>;

export function url(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const qs = query.toString();
  return `/api${path}${qs ? `?${qs}` : ""}`;
}

export async function get<T>(path: string, params: Params = {}): Promise<T> {
  const res = await fetch(url(path, params), { headers: headers({ Accept: "application/json" }), credentials: "same-origin" });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

export async function getBlob(path: string, params: Params = {}): Promise<Blob> {
  const res = await fetch(url(path, params), { headers: headers(), credentials: "same-origin" });
  if (!res.ok) return fail(res);
  return res.blob();
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const init: RequestInit = { method: "POST", credentials: "same-origin" };
  if (body instanceof FormData) {
    init.body = body;
    init.headers = headers({ Accept: "application/json" }, true);
  } else {
    init.body = JSON.stringify(body);
    init.headers = headers({ "Content-Type": "application/json", Accept: "application/json" }, true);
  }
  const res = await fetch(url(path), init);
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

export interface Session {
  user: string | { name?: string; id?: string } | null;
  csrf_token?: string;
  /** "session" (password and cookie) or "token" */
  via?: string;
}

/** The signed-in session, or null when the server asks for a login. */
export async function session(): Promise<Session | null> {
  try {
    const found = await get<Session>("/session");
    csrfToken = found.csrf_token ?? null;
    return found;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return null;
    if (err instanceof ApiError && err.status === 404) return { user: null };
    throw err;
  }
}

export async function login(user: string, password: string): Promise<Session | null> {
  const form = new URLSearchParams({ user, username: user, password });
  const res = await fetch(url("/login"), {
    method: "POST",
    body: form,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!res.ok) return fail(res);
  return session();
}

/** End the session: the cookie's (a change, so with the CSRF token) and the tab's API token. */
export async function logout(): Promise<void> {
  const hadToken = token() !== null;
  setToken(null);
  if (!hadToken) await post("/logout", {});
  csrfToken = null;
}
