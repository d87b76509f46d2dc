import {describe, expect, test} from "vitest";
import {
  GRADE_COLORS,
  LIGHT_COLORS,
  formatDate,
  formatDateTime,
  formatPercent,
  formatPercentPoints,
  formatWan,
  formatWanUnit,
  gradeColor,
  gradeScale,
  lightColor,
  normalizeGrade,
  normalizeLight
} from "../reports/components/format.js";

describe("number formats", () => {
  test.each([
    [1234567.891, "1,234,567.89"],
    [0, "0.00"],
    [-1234.5, "-1,234.50"],
    [0.005, "0.01"],
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"]
  ])("formatWan(%s) = %s", (value, expected) => {
    expect(formatWan(value)).toBe(expected);
  });

  test("formatWan digits and unit", () => {
    expect(formatWan(1320, {digits: 0})).toBe("1,320");
    expect(formatWanUnit(1234.5)).toBe("1,234.50 万元");
    expect(formatWanUnit(null)).toBe("—");
  });

  test.each([
    [formatPercent(0.9534), "95.3%"],
    [formatPercent(1), "100.0%"],
    [formatPercent(0.12345, {digits: 2}), "12.35%"],
    [formatPercent(null), "—"],
    [formatPercentPoints(95), "95.0%"],
    [formatPercentPoints(87.25, {digits: 2}), "87.25%"]
  ])("%s = %s", (actual, expected) => {
    expect(actual).toBe(expected);
  });

  test("timestamps show their wall-clock time, whatever the time zone", () => {
    expect(formatDateTime(Date.UTC(2024, 2, 2, 14, 30))).toBe("2024/03/02 14:30:00");
    expect(formatDateTime(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)))).toBe("1999/12/31 23:59:59");
    expect(formatDate(Date.UTC(2024, 0, 5))).toBe("2024/01/05");
    expect(formatDate(null)).toBe("—");
  });
});

describe("grades and lights", () => {
  test.each([
    ["优", "优"],
    ["优秀", "优"],
    ["良好", "良"],
    ["一般", "中"],
    ["中等", "中"],
    ["较差", "差"],
    [" 差 ", "差"],
    ["A", undefined],
    [null, undefined]
  ])("normalizeGrade(%s) = %s", (grade, expected) => {
    expect(normalizeGrade(grade)).toBe(expected);
  });

  test.each([
    ["红", "红"],
    ["红灯", "红"],
    ["黄色", "黄"],
    ["绿", "绿"],
    ["蓝灯", "蓝"],
    ["紫", undefined]
  ])("normalizeLight(%s) = %s", (light, expected) => {
    expect(normalizeLight(light)).toBe(expected);
  });

  test("colours follow the scales in either spelling", () => {
    expect(gradeColor("优秀")).toBe(GRADE_COLORS[0]);
    expect(gradeColor("差")).toBe(GRADE_COLORS[3]);
    expect(gradeColor("?")).toBe("#999999");
    expect(lightColor("红灯")).toBe(LIGHT_COLORS[0]);
    expect(gradeScale("long").domain).toEqual(["优秀", "良好", "一般", "较差"]);
    expect(() => gradeScale("tiny" as "long")).toThrow("invalid grade spelling: tiny");
  });

  test("each scale has distinct colours", () => {
    expect(new Set(GRADE_COLORS).size).toBe(4);
    expect(new Set(LIGHT_COLORS).size).toBe(4);
  });
});
