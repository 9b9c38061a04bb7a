// How the lab is shown: the theme (light/dark, key T) and projector mode (key M: the boundary, the loss curve and
// the network large, every text ≥ 24 px, the settings tucked behind one button). Both live in the URL, as in the
// lesson (?theme=dark&mode=projector), so a link, a reload and "In the lesson →" keep them.
// createDisplay({ onChange }) → { get(), toggleTheme(), toggleProjector(), query() }

import { decodeUrl } from "../state.js";

const $ = (id) => document.getElementById(id);

export function createDisplay({ onChange = () => {} } = {}) {
  const { mode, theme } = decodeUrl(location.search);
  const now = { mode, theme };

  function apply() {
    document.documentElement.dataset.theme = now.theme;
    document.body.classList.toggle("projector", now.mode === "projector");
    // Projector mode starts with the settings tucked away; the button shows them again.
    if (now.mode !== "projector") document.body.classList.remove("show-settings");
    $("lab-theme").setAttribute("aria-label", now.theme === "dark" ? "Light theme (T)" : "Dark theme (T)");
    $("lab-projector").setAttribute("aria-pressed", String(now.mode === "projector"));
    $("lab-exit-projector").hidden = now.mode !== "projector";
    $("lab-settings").hidden = now.mode !== "projector";
    $("lab-settings").setAttribute("aria-expanded", String(document.body.classList.contains("show-settings")));
    const url = new URL(location.href);
    for (const [key, value, fallback] of [["mode", now.mode, "normal"], ["theme", now.theme, "light"]]) {
      if (value === fallback) url.searchParams.delete(key); else url.searchParams.set(key, value);
    }
    history.replaceState(null, "", url);
    onChange(now);
  }

  const display = {
    get: () => ({ ...now }),
    toggleTheme() { now.theme = now.theme === "dark" ? "light" : "dark"; apply(); },
    toggleProjector() { now.mode = now.mode === "projector" ? "normal" : "projector"; apply(); },
    toggleSettings() { document.body.classList.toggle("show-settings"); apply(); },
    /** "&mode=projector&theme=dark" (what differs from the defaults), for a link to the lesson. */
    query() {
      return (now.mode === "projector" ? "&mode=projector" : "") + (now.theme === "dark" ? "&theme=dark" : "");
    },
  };
  $("lab-theme").addEventListener("click", display.toggleTheme);
  $("lab-projector").addEventListener("click", display.toggleProjector);
  $("lab-exit-projector").addEventListener("click", display.toggleProjector);
  $("lab-settings").addEventListener("click", display.toggleSettings);
  apply();
  return display;
}
