// The mazur-2-2-2 step as the API returns it (recorded from POST /api/networks/{id}/step).
import { readFileSync } from "node:fs";

export const mazur = JSON.parse(readFileSync(new URL("./mazur-step.json", import.meta.url)));

// A 2-2-1 network's second step with Adam, L1 and L2 (recorded the same way).
export const adam = JSON.parse(readFileSync(new URL("./adam-step.json", import.meta.url)));
