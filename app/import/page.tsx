import type { Metadata } from "next";
import { commitImportAction } from "@/app/actions/import/commit-import";
import { previewImportAction } from "@/app/actions/import/preview-import";
import { ImportPanel } from "@/components/import-panel";
import { requireActor } from "@/lib/auth/session";
import { canImport } from "@/lib/permissions";

export const metadata: Metadata = { title: "导入文件" };

export default async function ImportPage() {
  await requireActor("/import", canImport);
  return (
    <section aria-labelledby="import-heading" className="space-y-4">
      <h1 id="import-heading" className="text-2xl font-semibold">
        导入文件
      </h1>
      <p className="text-stone-600">
        支持:重点工作责任分解通知(★ 标注或“列第一位的为牵头单位”)、季度完成情况表、政策清单(繁体自动转为简体)、政府工作报告。牵头单位按文件自己的说明认定,预览中注明依据;文件未说明的,须在预览中选择认定方式。未导入的段落在预览中逐段列出。表头无法识别的表格,可在预览中为各列指定对应的内容,导入后同样表头的文件沿用这一对应。先预览,核对无误后再导入。
      </p>
      <ImportPanel preview={previewImportAction} commit={commitImportAction} />
    </section>
  );
}
