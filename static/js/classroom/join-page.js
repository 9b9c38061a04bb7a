// The /join page: the code (prefilled from ?code=, as the QR code carries it) and an optional nickname → join the
// class → keep the student token in this tab → the lesson, following the teacher.

import { classApi } from "./api.js";
import { codeProblem, normalizeCode, saveToken } from "./codes.js";

const $ = (id) => document.getElementById(id);
const form = $("join-form"), codeInput = $("join-code"), nickInput = $("join-nickname");
const button = $("join-button"), error = $("join-error");
const params = new URLSearchParams(location.search);
if (params.get("theme") === "dark") document.documentElement.dataset.theme = "dark";
codeInput.value = normalizeCode(params.get("code") ?? "");
(codeInput.value ? nickInput : codeInput).focus();

function say(text, field = null) {
  error.hidden = !text;
  error.textContent = text;
  for (const input of [codeInput, nickInput]) input.setAttribute("aria-invalid", String(input === field));
  field?.focus();
}

const WORDS = {
  class_not_found: (code) => `No live class has the code ${code}. Check it on the teacher's screen.`,
  class_full: () => "This class is full.",
};

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  const code = normalizeCode(codeInput.value);
  codeInput.value = code;
  const problem = codeProblem(code);
  if (problem) return say(problem, codeInput);
  button.disabled = true;
  say("");
  try {
    const joined = await classApi.join(code, nickInput.value.trim() || null);
    saveToken(sessionStorage, "student", joined.code,
              { token: joined.student_token, nickname: joined.nickname, id: joined.student_id });
    location.assign(`/?class=${encodeURIComponent(joined.code)}`);
  } catch (err) {
    button.disabled = false;
    const words = WORDS[err.code]?.(code) ?? err.message;
    say(words, err.field?.includes("nickname") ? nickInput : codeInput);
  }
  return undefined;
});
