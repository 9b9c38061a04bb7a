// One async function per endpoint. Throws ApiError on any non-2xx answer. No DOM.

export class ApiError extends Error {
  constructor(status, body) {
    const err = body?.error ?? {};
    super(err.message ?? `Request failed (${status})`);
    this.status = status;
    this.code = err.code ?? "http_error";
    this.field = err.field ?? null;
  }
}

/** One request: JSON in and out; `token` (the live class's) goes as a bearer token. */
export async function call(method, path, body, token = null) {
  const init = { method, headers: {} };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, { error: { code: "offline", message: "The server cannot be reached." } });
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const api = {
  presets: () => call("GET", "/api/presets"),
  datasets: () => call("GET", "/api/datasets"),
  createNetwork: (body) => call("POST", "/api/networks", body),
  importNetwork: (doc) => call("POST", "/api/networks/import", doc),
  getNetwork: (id) => call("GET", `/api/networks/${id}`),
  deleteNetwork: (id) => call("DELETE", `/api/networks/${id}`),
  step: (id, expectedVersion) => call("POST", `/api/networks/${id}/step`, { expected_version: expectedVersion }),
  setParameters: (id, body) => call("PUT", `/api/networks/${id}/parameters`, body),
  reset: (id) => call("POST", `/api/networks/${id}/reset`),
};
