import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {Database} from "../../src/db/database.ts";
import {ingestPaths} from "../../loaders/ingest.ts";
import {tempDir, writeCsv, writeXlsx} from "../helpers/files.ts";

describe("layouts of the same family", () => {
  let db: Database;
  let dir: string;
  beforeEach(async () => {
    db = await Database.open(":memory:");
    dir = tempDir();
  });
  afterEach(() => db.close());

  it("adds seed 002's four fund kinds to 645,215.01 exactly", async () => {
    writeCsv(join(dir, "funds.csv"), [
      ["年度", "项目编码", "项目名称", "资金性质", "预算数"],
      [2020, "K-1", "专项转移支付项目", "专项转移支付", "300202.87"],
      [2020, "K-2", "部门预算项目", "部门预算项目", "176145.19"],
      [2020, "K-3", "直达资金项目", "直达资金", "164544.54"],
      [2020, "K-4", "扶贫资金项目", "扶贫资金", "4322.41"]
    ]);
    await ingestPaths(db, [join(dir, "funds.csv")]);
    expect(await db.value("SELECT sum(budget_wan)::VARCHAR FROM projects")).toBe("645215.010000");
  });

  it("reads a two-row header with a unit on the group, aliases and a title year", async () => {
    await writeXlsx(join(dir, "budget.xlsx"), [{
      name: "Sheet1",
      rows: [
        ["某县2022年项目支出执行情况表"],
        ["预算单位", "项目代码", "项目名称", "资金情况（元）", null, null, "功能科目"],
        [null, null, null, "年初预算", "调整后预算数", "实际支出", null],
        ["县水利局", "SL-01", "河道治理", 1500000, 2000000, 1200000.5, "2130317 水利工程运行与维护"]
      ],
      merges: ["A1:G1", "D2:F2", "A2:A3", "B2:B3", "C2:C3", "G2:G3"]
    }]);
    const [report] = await ingestPaths(db, [join(dir, "budget.xlsx")]);
    expect(report?.sheets[0]).toMatchObject({table: "projects", headerRow: 3});
    const [row] = await db.allJson("SELECT year, unit_name, initial_budget_wan, budget_wan, executed_wan, function_code FROM projects");
    expect(row).toEqual({year: 2022, unit_name: "县水利局", initial_budget_wan: "150.000000", budget_wan: "200.000000", executed_wan: "120.000050", function_code: "2130317"});
  });

  it("reads goals with combined target strings and fractions written as decimals", async () => {
    writeCsv(join(dir, "goals.csv"), [
      ["年度", "项目编码", "一级指标", "二级指标", "指标名称", "年度指标值", "计量单位", "权重"],
      [2023, "P-1", "产出指标", "质量指标", "合格率", 0.95, "%", 20],
      [2023, "P-1", "产出指标", "成本指标", "单位成本", "≤120万元", null, 10],
      [2023, "P-1", "效益指标", "社会效益指标", "群众获得感", "达成年度指标", null, 20],
      [2023, "P-1", "满意度指标", "服务对象满意度指标", "满意度", 0.9, "%", 10]
    ], "gb18030");
    await ingestPaths(db, [join(dir, "goals.csv")]);
    const rows = await db.all("SELECT indicator, direction, target_value, target_text, unit, weight FROM goal_indicators ORDER BY weight DESC, indicator");
    expect(rows).toEqual([
      {indicator: "合格率", direction: "ge", target_value: 95, target_text: null, unit: "%", weight: 20},
      {indicator: "群众获得感", direction: "qual", target_value: null, target_text: "达成年度指标", unit: null, weight: 20},
      {indicator: "单位成本", direction: "le", target_value: 120, target_text: null, unit: "万元", weight: 10},
      {indicator: "满意度", direction: "ge", target_value: 90, target_text: null, unit: "%", weight: 10}
    ]);
  });

  it("reads the Sichuan self-evaluation form with a code row", async () => {
    await writeXlsx(join(dir, "sichuan.xlsx"), [{
      name: "表1",
      rows: [
        ["项目支出绩效自评表"],
        ["（2024年度）"],
        ["项目名称", "乡村道路养护", null, null, "项目编码", "510100-JT-07"],
        ["主管部门", "某县交通运输局", null, null, "实施单位", "某县公路站"],
        ["预算执行情况（10分）", null, "调整后预算数", "预算执行数", "权重", "执行率", "得分"],
        ["预算执行情况（10分）", "年度资金总额", 120, 96, 10, "80%", 8],
        ["预算执行情况（10分）", "其中：财政拨款", 120, 96, null, null, null],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "年度指标值", "完成值", "权重", "得分", "未完成原因分析"],
        ["绩效指标（90分）", "产出指标", "数量指标", "养护里程", "≥50公里", "48公里", 40, 38.4, "雨季影响"],
        ["绩效指标（90分）", "效益指标", "社会效益指标", "通行条件改善", "达成年度指标", "达成年度指标", 40, 36, null],
        ["绩效指标（90分）", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", 10, 10, null],
        ["总分", null, null, null, null, null, 100, 92.4],
        ["评价结论", "良"],
        ["存在问题", "雨季施工进度滞后"],
        ["改进措施", "合理安排工期"]
      ],
      merges: ["A1:I1", "A2:I2", "A5:A7", "A8:A11"]
    }]);
    const [report] = await ingestPaths(db, [join(dir, "sichuan.xlsx")]);
    expect(report?.rowsRejected).toBe(0);
    const [total] = await db.allJson("SELECT year, project_code, budget_wan, executed_wan, reported_score, reported_execution_score, conclusion FROM selfeval_totals");
    expect(total).toEqual({year: 2024, project_code: "510100-JT-07", budget_wan: "120.000000", executed_wan: "96.000000", reported_score: 92.4, reported_execution_score: 8, conclusion: "良"});
    const rows = await db.all("SELECT indicator, level1, direction, target_value, weight, actual_value, score, deviation_note FROM selfeval_indicators ORDER BY weight DESC, indicator");
    expect(rows[0]).toEqual({indicator: "养护里程", level1: "产出指标", direction: "ge", target_value: 50, weight: 40, actual_value: 48, score: 38.4, deviation_note: "雨季影响"});
    expect(rows).toHaveLength(3);
  });

  it("resolves a form without a code by the project's name", async () => {
    writeCsv(join(dir, "a_projects.csv"), [["年度", "项目编码", "项目名称", "全年预算数"], [2023, "X-9", "养老服务补贴", 30]]);
    await writeXlsx(join(dir, "b_form.xlsx"), [{
      name: "养老服务补贴",
      rows: [
        ["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "养老服务补贴"], ["主管部门", "民政局", null, "实施单位", "民政局本级"],
        ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["项目资金（万元）", "年度资金总额", 30, 30, 27, 10, "90%", 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["绩效指标", "产出指标", "数量指标", "补贴人数", "≥300人", "310人", 90, 90, null],
        ["总分", null, null, null, null, null, 100, 99]
      ]
    }]);
    await ingestPaths(db, [dir]);
    expect(await db.value("SELECT project_code FROM selfeval_totals")).toBe("X-9");
    expect(await db.value("SELECT count(*) FROM selfeval_indicators WHERE project_code = 'X-9'")).toBe(1);
  });

  it("reads a monitoring form (绩效目标执行监控表)", async () => {
    await writeXlsx(join(dir, "monitor.xlsx"), [{
      name: "M-01",
      rows: [
        ["项目支出绩效目标执行监控表"], ["（2024年1-8月）"], ["项目名称", "校舍维修"], ["主管部门", "教育局", null, "实施单位", "第一中学"],
        ["项目资金（万元）", null, "全年预算数", "1-8月执行数", "1-8月执行率", "全年预计执行数"],
        ["项目资金（万元）", "年度资金总额", 100, 40, "40%", 95],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-8月执行情况", "全年预计完成情况", "偏差原因", "完成目标可能性"],
        ["绩效指标", "产出指标", "数量指标", "维修面积", "≥2000平方米", "900平方米", "2000平方米", "经费保障", "有可能"]
      ]
    }]);
    const [report] = await ingestPaths(db, [join(dir, "monitor.xlsx")]);
    expect(report?.rowsRejected).toBe(0);
    const [row] = await db.allJson("SELECT year, period, month, project_code, budget_wan, executed_wan, indicator, target_value, progress_value, forecast_value, deviation_reason, likelihood FROM monitoring");
    expect(row).toEqual({
      year: 2024, period: "1-8月", month: 8, project_code: "M-01", budget_wan: "100.000000", executed_wan: "40.000000",
      indicator: "维修面积", target_value: 2000, progress_value: 900, forecast_value: 2000, deviation_reason: "经费保障", likelihood: "有可能"
    });
  });
});
