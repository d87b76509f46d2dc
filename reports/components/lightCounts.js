// monitoring_lights.sql ships one row per department and checkpoint with a count per kind and light (a province's
// 3,125 departments in long form were 7 MB); charts want one row per light.

/** The columns of monitoring_lights.sql: <kind>_<light>, a count each. */
const KIND_COLUMNS = [["execution", "执行灯"], ["indicator", "指标灯"], ["project", "项目灯"]];
const LIGHT_COLUMNS = [["red", "红"], ["yellow", "黄"], ["green", "绿"], ["blue", "蓝"], ["none", "未计"]];

/** Long rows {department, kind, light, n} from monitoring_lights.sql's one row per department with a column per kind and light. */
export function lightCounts(rows) {
  const out = [];
  for (const row of rows) {
    for (const [kindKey, kind] of KIND_COLUMNS) {
      for (const [lightKey, light] of LIGHT_COLUMNS) {
        const n = Number(row[`${kindKey}_${lightKey}`] ?? 0);
        if (n > 0) out.push({year: row.year, month: row.month, department: row.department, kind, light, n});
      }
    }
  }
  return out;
}

