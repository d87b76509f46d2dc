// 数据质量: the rejected values and warnings themselves (file · sheet · row · column · value · rule · message).
import {runLoader} from "../../src/report-data/loader.ts";

await runLoader("data/quality-rejects.arrow");
