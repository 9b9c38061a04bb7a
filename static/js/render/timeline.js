// The phase timeline: one chip per micro-step of the training step; click to jump.

export function createTimelineView(list, { onJump }) {
  let shapeKey = null;
  let buttons = [];
  return {
    update(state) {
      const { phases, phaseIndex } = state;
      if (!phases) return;
      const key = phases.map((p) => p.id).join(",");
      if (key !== shapeKey) {
        shapeKey = key;
        list.replaceChildren();
        buttons = phases.map((p, i) => {
          const li = document.createElement("li");
          const b = document.createElement("button");
          b.type = "button";
          b.textContent = p.label;
          b.title = p.title;
          b.className = `kind-${p.kind}`;
          b.setAttribute("aria-label", `${p.title} (${p.label})`);
          b.addEventListener("click", () => onJump(i));
          li.append(b);
          list.append(li);
          return b;
        });
      }
      buttons.forEach((b, i) => {
        b.classList.toggle("done", i < phaseIndex);
        if (i === phaseIndex) {
          b.setAttribute("aria-current", "step");
          b.scrollIntoView({ block: "nearest", inline: "nearest" });
        } else b.removeAttribute("aria-current");
      });
    },
  };
}
