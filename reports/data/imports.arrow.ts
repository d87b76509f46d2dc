// One row per file load that changed the database (the `imports` table), oldest first.
import {writeQueryAsArrow} from "../../src/report-data/arrow.ts";

await writeQueryAsArrow("SELECT * FROM imports ORDER BY imported_at, import_id");
