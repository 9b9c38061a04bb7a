// The live class's endpoints (issue 14), one async function each, with the teacher's or a student's token.
// Throws ApiError (../api.js) on any non-2xx answer. No DOM.

import { call as request } from "../api.js";

const call = (method, path, { token = null, body } = {}) => request(method, path, body, token);

const at = (code, rest = "") => `/api/classes/${encodeURIComponent(code)}${rest}`;

export const classApi = {
  create: (position) => call("POST", "/api/classes", { body: { position } }),
  read: (code, token) => call("GET", at(code), { token }),
  move: (code, token, position) => call("PUT", at(code, "/position"), { token, body: position }),
  end: (code, token) => call("DELETE", at(code), { token }),
  join: (code, nickname) => call("POST", at(code, "/join"), { body: { nickname: nickname || null } }),
  ask: (code, token, question) => call("POST", at(code, "/questions"), { token, body: question }),
  answer: (code, token, questionId, value) =>
    call("POST", at(code, "/answers"), { token, body: { question_id: questionId, value } }),
  reveal: (code, token) => call("POST", at(code, "/reveal"), { token }),
  answers: (code, token) => call("GET", at(code, "/answers"), { token }),
  /** The event stream's URL: an EventSource cannot send a header, so the token rides in the query. */
  eventsUrl: (code, token) => `${at(code, "/events")}?token=${encodeURIComponent(token)}`,
};
