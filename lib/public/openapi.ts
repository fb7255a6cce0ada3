import { z } from "zod";
import type { Quarter } from "@/lib/periods/quarters";
import { OPEN_DATA_COLUMNS } from "@/lib/public/open-data";
import { publicStatusLabels } from "@/lib/reporting/phrasing";
import { idField } from "@/lib/zod/form";

/**
 * The open-data API under /api/v1: its route parameters and its OpenAPI 3.1 description,
 * written by hand. tests/unit/openapi.test.ts checks that every route handler under app/api/v1 is
 * described here and every path described here has its handler.
 */

/** /api/v1/plans/[planId]/quarters/[file]: file is "2.json" or "2.csv". */
export const openDataFileParams = z
  .object({
    planId: idField("计划"),
    file: z.string().regex(/^[1-4]\.(json|csv)$/),
  })
  .transform(({ planId, file }) => ({ planId, quarter: Number(file[0]) as Quarter, format: file.endsWith(".csv") ? ("csv" as const) : ("json" as const) }));

const stringList = { type: "array", items: { type: "string" } } as const;

const rowSchema = {
  type: "object",
  required: [...OPEN_DATA_COLUMNS],
  additionalProperties: false,
  properties: {
    plan_id: { type: "integer", description: "计划编号" },
    plan: { type: "string", description: "计划(文件)名称" },
    year: { type: "integer", description: "年度" },
    government: { type: "string", description: "政府" },
    quarter: { type: "integer", minimum: 1, maximum: 4, description: "季度" },
    leader: { type: ["string", "null"], description: "分管市领导" },
    number: { type: "integer", description: "序号(在分管市领导名下编号)" },
    task_id: { type: "integer", description: "任务编号(稳定)" },
    task: { type: "string", description: "主要工作任务" },
    targets: { ...stringList, description: "量化目标,如 增长≥2.5%" },
    progress: { type: "string", description: "已公开的完成情况(牵头单位在前)" },
    status: { type: "string", enum: Object.keys(publicStatusLabels), description: "对照序时进度的状态代码" },
    status_label: { type: "string", description: "状态(中文)" },
    status_reason: { type: "string", description: "状态与理由,如 慢于序时:增长1.9%,目标≥2.5%" },
    lead_units: { ...stringList, description: "牵头单位" },
    units: { ...stringList, description: "全部责任单位,按文件顺序" },
    published_at: { type: ["string", "null"], format: "date-time", description: "本季度该任务最近一次公开的时间" },
  },
} as const;

const planSchema = {
  type: "object",
  required: ["id", "year", "government", "title", "kind", "quarters"],
  properties: {
    id: { type: "integer" },
    year: { type: "integer" },
    government: { type: "string" },
    title: { type: "string" },
    kind: { type: "string", enum: ["key_tasks", "policy_list", "work_report"] },
    quarters: {
      type: "array",
      items: {
        type: "object",
        required: ["quarter", "json", "csv"],
        properties: { quarter: { type: "integer" }, json: { type: "string" }, csv: { type: "string" } },
      },
    },
  },
} as const;

const conditional = [
  { name: "If-None-Match", in: "header", required: false, schema: { type: "string" }, description: "上次响应的 ETag;未变化时返回 304" },
  { name: "If-Modified-Since", in: "header", required: false, schema: { type: "string" }, description: "上次响应的 Last-Modified;未变化时返回 304" },
] as const;

const quarterParams = [
  { name: "planId", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
  { name: "quarter", in: "path", required: true, schema: { type: "integer", minimum: 1, maximum: 4 } },
  ...conditional,
] as const;

const notModified = { description: "未变化(ETag 或 Last-Modified 相符)" } as const;
const notFound = {
  description: "计划不存在,或该季度还没有填报期",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
} as const;

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "落实 公开数据接口",
    version: "1.0.0",
    description: "政府工作报告重点工作的公开进展:只含已公开的季度完成情况。无需登录,只读。",
  },
  servers: [{ url: "/api/v1" }],
  paths: {
    "/plans": {
      get: {
        summary: "计划列表",
        operationId: "listPlans",
        parameters: [...conditional],
        responses: {
          "200": {
            description: "有任务的计划,年度新者在前,附各季度数据地址",
            content: { "application/json": { schema: { type: "object", required: ["plans"], properties: { plans: { type: "array", items: { $ref: "#/components/schemas/Plan" } } } } } },
          },
          "304": notModified,
        },
      },
    },
    "/plans/{planId}/quarters/{quarter}.json": {
      get: {
        summary: "季度完成情况(JSON)",
        operationId: "getQuarterJson",
        parameters: [...quarterParams],
        responses: {
          "200": { description: "该季度的公开完成情况表", content: { "application/json": { schema: { $ref: "#/components/schemas/Quarter" } } } },
          "304": notModified,
          "404": notFound,
        },
      },
    },
    "/plans/{planId}/quarters/{quarter}.csv": {
      get: {
        summary: "季度完成情况(CSV,UTF-8 带 BOM)",
        operationId: "getQuarterCsv",
        parameters: [...quarterParams],
        responses: {
          "200": { description: `首行为列名:${OPEN_DATA_COLUMNS.join(",")};列表型的列以“、”连接`, content: { "text/csv": { schema: { type: "string" } } } },
          "304": notModified,
          "404": notFound,
        },
      },
    },
    "/openapi.json": {
      get: {
        summary: "本接口说明(OpenAPI 3.1)",
        operationId: "getOpenApi",
        responses: { "200": { description: "OpenAPI 文档", content: { "application/json": { schema: { type: "object" } } } }, "304": notModified },
      },
    },
  },
  components: {
    schemas: {
      Plan: planSchema,
      Row: rowSchema,
      Quarter: {
        type: "object",
        required: ["plan", "quarter", "title", "last_published_at", "columns", "rows"],
        properties: {
          plan: { $ref: "#/components/schemas/Plan" },
          quarter: { type: "integer", minimum: 1, maximum: 4 },
          title: { type: "string" },
          last_published_at: { type: ["string", "null"], format: "date-time" },
          columns: { type: "array", items: { type: "string", enum: [...OPEN_DATA_COLUMNS] } },
          rows: { type: "array", items: { $ref: "#/components/schemas/Row" } },
        },
      },
      Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
    },
  },
} as const;
