// The phase timeline: one chip per micro-step of the training step; click to jump.

export function createTimelineView(list, { onJump }) {
  let shapeKey = null;
  let buttons = [];
  let current = -1;
  let scrollJob = 0;

  /**
   * Scroll the list (only the list, never the page) so the current chip shows. Run at the start of the frame
   * after the one that drew it (an animation-frame callback queued while rendering comes before the next
   * render's): the layout is still clean then, so reading the chip's position costs nothing. Read inside the
   * render it would force the whole page's style and layout in the middle of the frame (tens of ms on a
   * 6 × 16 network).
   */
  function revealCurrent() {
    scrollJob = 0;
    const chip = buttons[current];
    if (!chip || list.scrollWidth <= list.clientWidth) return;
    const box = list.getBoundingClientRect(), at = chip.getBoundingClientRect();
    if (at.left < box.left) list.scrollLeft -= box.left - at.left + 8;
    else if (at.right > box.right) list.scrollLeft += at.right - box.right + 8;
  }

  return {
    update(state) {
      const { phases, phaseIndex } = state;
      if (!phases) return;
      const key = phases.map((p) => `${p.id}:${p.title}`).join(",");
      if (key !== shapeKey) {
        shapeKey = key;
        current = -1;
        list.replaceChildren();
        buttons = phases.map((p, i) => {
          const li = document.createElement("li");
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = p.label;
          b.title = p.title;
          b.className = `kind-${p.kind}`;
          b.dataset.phase = p.id;
          // The chip's visible label first (WCAG 2.5.3 "label in name": saying "click z²" must hit it); a label
          // in parentheses does not count, checkers drop parentheticals when they compare.
          b.setAttribute("aria-label", `${p.label}: ${p.title}`);
          b.addEventListener("click", () => onJump(i));
          li.append(b);
          list.append(li);
          return b;
        });
      }
      if (phaseIndex === current) return;
      current = phaseIndex;
      buttons.forEach((b, i) => {
        b.classList.toggle("done", i < phaseIndex);
        if (i === phaseIndex) b.setAttribute("aria-current", "step");
        else b.removeAttribute("aria-current");
      });
      if (!scrollJob) scrollJob = requestAnimationFrame(revealCurrent);
    },
  };
}
