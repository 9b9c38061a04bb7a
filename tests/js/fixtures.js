// The mazur-2-2-2 step as the API returns it (recorded from POST /api/networks/{id}/step).
import { readFileSync } from "node:fs";

export const mazur = JSON.parse(readFileSync(new URL("./mazur-step.json", import.meta.url)));
