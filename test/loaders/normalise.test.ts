import {describe, expect, it} from "vitest";
import {canonicalDecimal, numberToDecimal, parseDecimalText, shiftDecimal} from "../../loaders/normalise/decimal.ts";
import {parseDirection, parseMeasure, qualitativeTier} from "../../loaders/normalise/target.ts";
import {cleanCode, toHalfWidth} from "../../loaders/normalise/text.ts";
import {parseAmount, parseBool, parsePercent, parsePeriod, parseYear, percentScale} from "../../loaders/normalise/values.ts";
import {headerCell} from "../../loaders/layout/header.ts";

describe("decimals", () => {
  it.each([
    ["645215.01", 0, "645215.01"],
    ["12345678", -4, "1234.5678"],
    ["1", -4, "0.0001"],
    ["-1.5", -4, "-0.00015"],
    ["19.04", 4, "190400"],
    ["0.5", 2, "50"]
  ])("shift %s by %i → %s", (value, places, expected) => {
    expect(shiftDecimal(value, places)).toBe(expected);
  });
  it.each([
    ["1,234.50", "1234.5"], ["１２３．４", "123.4"], ["(12.5)", "-12.5"], ["－3", "-3"], ["00120", "120"], ["abc", null], ["", null]
  ])("parses %s", (text, expected) => expect(parseDecimalText(text)).toBe(expected));
  it("keeps a double's shortest text", () => {
    expect(numberToDecimal(300202.87)).toBe("300202.87");
    expect(numberToDecimal(1e-7)).toBe("0.0000001");
    expect(canonicalDecimal("-0.0")).toBe("0");
  });
});

describe("amounts", () => {
  it.each([
    [100, "万元", "100"],
    [1234567.8, "元", "123.45678"],
    ["1,200元", "万元", "0.12"],
    ["1.5亿元", "万元", "15000"],
    [2.5, "亿元", "25000"],
    ["－", "万元", null]
  ])("%s in %s → %s 万元", (cell, unit, expected) => {
    expect(parseAmount(cell, unit)).toEqual({ok: true, value: expected});
  });
  it("rejects words", () => expect(parseAmount("待定", "万元")).toEqual({ok: false, rule: "amount.not_number"}));
  it("rejects amounts past DECIMAL(20,6) instead of failing the whole file", () => {
    expect(parseAmount("99999999999999.999999", "万元")).toEqual({ok: true, value: "99999999999999.999999"});
    expect(parseAmount("100000000000000", "万元")).toEqual({ok: false, rule: "amount.too_large"});
    expect(parseAmount("99999999999999999.99", "亿元")).toEqual({ok: false, rule: "amount.too_large"});
    expect(parseAmount("-123456789012345", "万元")).toEqual({ok: false, rule: "amount.too_large"});
  });
});

describe("percentages", () => {
  it("marks written percent signs", () => {
    expect(parsePercent("95%")).toEqual({ok: true, value: {value: 95, marked: true}});
    expect(parsePercent("９５％")).toEqual({ok: true, value: {value: 95, marked: true}});
    expect(parsePercent(0.95)).toEqual({ok: true, value: {value: 0.95, marked: false}});
  });
  it.each([
    [[0.95, 0.8, 1], 100],
    [[95, 80, 100], 1],
    [[0, 1], 1],
    [[0.5, 120], 1]
  ])("column %j scales by %i", (values, scale) => expect(percentScale(values)).toBe(scale));
});

describe("targets", () => {
  it.each([
    ["≥95%", {direction: "ge", value: 95, unit: "%", text: null}],
    ["≤120万元", {direction: "le", value: 120, unit: "万元", text: null}],
    ["=1次", {direction: "eq", value: 1, unit: "次", text: null}],
    ["＞＝５００人次", {direction: "ge", value: 500, unit: "人次", text: null}],
    [">=90", {direction: "ge", value: 90, unit: null, text: null}],
    ["<3天", {direction: "lt", value: 3, unit: "天", text: null}],
    ["不低于80%", {direction: "ge", value: 80, unit: "%", text: null}],
    ["95%以上", {direction: "ge", value: 95, unit: "%", text: null}],
    ["520人次", {direction: null, value: 520, unit: "人次", text: null}],
    ["达成年度指标", {direction: "qual", value: null, unit: null, text: "达成年度指标"}]
  ])("splits %s", (text, expected) => expect(parseMeasure(text)).toEqual(expected));
  it.each([["≥", "ge"], ["正向", "ge"], ["反向指标", "le"], ["定性", "qual"], ["＜", "lt"], ["=", "eq"], ["定量", null], ["胡乱", undefined]])(
    "direction %s → %s", (text, expected) => expect(parseDirection(text)).toBe(expected)
  );
  it("names qualitative tiers", () => {
    expect(qualitativeTier("部分达成年度指标并具有一定效果")).toBe("部分达成年度指标并具有一定效果");
    expect(qualitativeTier("未达成年度指标且效果较差")).toBe("未达成年度指标且效果较差");
    expect(qualitativeTier("达成年度指标")).toBe("达成年度指标");
  });
});

describe("codes, years, periods, booleans, headers", () => {
  it("keeps leading zeros and converts full-width", () => {
    expect(cleanCode(" ００１００１ ")).toBe("001001");
    expect(toHalfWidth("（２０２３）")).toBe("(2023)");
  });
  it.each([[2023, 2023], ["2023年", 2023], ["２０２３年度", 2023], ["23", null]])("year %s", (cell, year) => {
    const parsed = parseYear(cell);
    expect(parsed.ok ? parsed.value : null).toBe(year);
  });
  it.each([["1-5月", 5], ["1—8月", 8], ["1至9月", 9], ["截至5月底", 5]])("period %s → month %i", (text, month) => {
    expect(parsePeriod(text)).toEqual({ok: true, value: {period: `1-${month}月`, month}});
  });
  it("reads 是/否", () => {
    expect(parseBool("是")).toEqual({ok: true, value: true});
    expect(parseBool("否")).toEqual({ok: true, value: false});
    expect(parseBool("也许").ok).toBe(false);
  });
  it.each([
    ["全年预算数（万元）", "全年预算数", "万元", false],
    ["金额(元)", "金额", "元", false],
    ["执行率(%)", "执行率", null, true],
    [" 项目 名称 ", "项目名称", null, false]
  ])("header %s", (text, label, unit, percent) => {
    expect(headerCell(text)).toMatchObject({label, unit, percent});
  });
});
