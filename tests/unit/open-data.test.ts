import { describe, expect, it } from "vitest";
import { BOM, etagOf, notModified, OPEN_DATA_COLUMNS, openDataResponse, quarterCsv, quarterJson } from "@/lib/public/open-data";
import type { PublicQuarterTable } from "@/lib/public/types";

const published = new Date("2025-04-20T08:30:15.250Z");

const table: PublicQuarterTable = {
  plan: { id: 7, year: 2025, government: "平湖市", title: "2025年政府工作报告重点工作", kind: "key_tasks", quarters: [1, 2] },
  quarter: 1,
  title: "2025年政府工作报告重点工作一季度完成情况",
  lastPublishedAt: published,
  rows: [
    {
      taskId: 11,
      leader: "张斌",
      number: 1,
      text: "一般公共预算收入增长2.5%,新增光伏装机6万千瓦",
      targets: ["增长≥2.5%", "≥6万千瓦"],
      progress: '发改局:完成"光伏"1.2万千瓦\n财政局:收入增长1.9%',
      status: "behind",
      statusLabel: "慢于序时",
      statusReason: "慢于序时:增长1.9%,目标≥2.5%",
      leadUnits: ["发改局"],
      units: ["发改局", "财政局"],
      publishedAt: published,
    },
    {
      taskId: 12,
      leader: null,
      number: 1,
      text: "=HYPERLINK(\"http://example.com\")",
      targets: [],
      progress: "",
      status: "not_published",
      statusLabel: "暂无公开进展",
      statusReason: "暂无公开进展",
      leadUnits: ["住建局"],
      units: ["住建局"],
      publishedAt: null,
    },
  ],
};

/** The CSV's records, parsed back by RFC 4180's rules. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return records;
}

describe("the quarter as CSV", () => {
  const csv = quarterCsv(table);

  it("starts with the UTF-8 byte order mark, so that Excel reads the Chinese", () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect([...Buffer.from(csv, "utf8").subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("has the documented columns, in their order, as its header", () => {
    const [header] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      "plan_id", "plan", "year", "government", "quarter", "leader", "number", "task_id", "task", "targets",
      "progress", "status", "status_label", "status_reason", "lead_units", "units", "published_at",
    ]);
    expect(header).toEqual([...OPEN_DATA_COLUMNS]);
  });

  it("quotes commas, quotes and line breaks, joins lists with 、 and leaves nothing out", () => {
    const [, first, second] = parseCsv(csv.slice(1));
    const row = Object.fromEntries(OPEN_DATA_COLUMNS.map((column, i) => [column, first[i]]));
    expect(row).toEqual({
      plan_id: "7",
      plan: "2025年政府工作报告重点工作",
      year: "2025",
      government: "平湖市",
      quarter: "1",
      leader: "张斌",
      number: "1",
      task_id: "11",
      task: "一般公共预算收入增长2.5%,新增光伏装机6万千瓦",
      targets: "增长≥2.5%、≥6万千瓦",
      progress: '发改局:完成"光伏"1.2万千瓦\n财政局:收入增长1.9%',
      status: "behind",
      status_label: "慢于序时",
      status_reason: "慢于序时:增长1.9%,目标≥2.5%",
      lead_units: "发改局",
      units: "发改局、财政局",
      published_at: "2025-04-20T08:30:15.250Z",
    });
    expect(second[OPEN_DATA_COLUMNS.indexOf("leader")]).toBe("");
    expect(second[OPEN_DATA_COLUMNS.indexOf("published_at")]).toBe("");
  });

  it("keeps text that a spreadsheet would run as a formula from running", () => {
    const [, , second] = parseCsv(csv.slice(1));
    expect(second[OPEN_DATA_COLUMNS.indexOf("task")]).toBe("'=HYPERLINK(\"http://example.com\")");
    // The JSON carries the text as written.
    expect(quarterJson(table).rows[1].task).toBe("=HYPERLINK(\"http://example.com\")");
  });
});

describe("the quarter as JSON", () => {
  it("has the plan, the quarter and rows keyed by the same columns, lists as arrays", () => {
    const json = quarterJson(table);
    expect(json.columns).toEqual(OPEN_DATA_COLUMNS);
    expect(json.last_published_at).toBe("2025-04-20T08:30:15.250Z");
    expect(json.plan.quarters).toEqual([
      { quarter: 1, json: "/api/v1/plans/7/quarters/1.json", csv: "/api/v1/plans/7/quarters/1.csv" },
      { quarter: 2, json: "/api/v1/plans/7/quarters/2.json", csv: "/api/v1/plans/7/quarters/2.csv" },
    ]);
    for (const row of json.rows) expect(Object.keys(row)).toEqual([...OPEN_DATA_COLUMNS]);
    expect(json.rows[0].units).toEqual(["发改局", "财政局"]);
  });
});

describe("conditional requests", () => {
  const body = "{}";
  const etag = etagOf(body);
  const request = (headers: Record<string, string>) => new Request("http://localhost/api/v1/plans", { headers });

  it("answers 304 to the body's ETag, in a list or weak, and 200 to another", () => {
    expect(notModified(request({ "If-None-Match": etag }), etag, null)).toBe(true);
    expect(notModified(request({ "If-None-Match": `"other", W/${etag}` }), etag, null)).toBe(true);
    expect(notModified(request({ "If-None-Match": '"other"' }), etag, null)).toBe(false);
    expect(etagOf("{} ")).not.toBe(etag);
  });

  it("answers 304 to If-Modified-Since at or after the last publication, to the second", () => {
    expect(notModified(request({ "If-Modified-Since": published.toUTCString() }), etag, published)).toBe(true);
    expect(notModified(request({ "If-Modified-Since": new Date(published.getTime() - 1000).toUTCString() }), etag, published)).toBe(false);
    expect(notModified(request({ "If-Modified-Since": "not a date" }), etag, published)).toBe(false);
    // Without a publication there is nothing to compare with.
    expect(notModified(request({ "If-Modified-Since": published.toUTCString() }), etag, null)).toBe(false);
  });

  it("lets If-None-Match decide where both are sent", () => {
    expect(notModified(request({ "If-None-Match": '"other"', "If-Modified-Since": published.toUTCString() }), etag, published)).toBe(false);
  });

  it("sends the validators with the 304 and no body", async () => {
    const response = openDataResponse(request({ "If-None-Match": etag }), body, "application/json", published);
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe(etag);
    expect(response.headers.get("last-modified")).toBe("Sun, 20 Apr 2025 08:30:15 GMT");
    expect(await response.text()).toBe("");
  });
});
