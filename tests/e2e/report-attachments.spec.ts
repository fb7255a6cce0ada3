import { expect, test } from "@playwright/test";
import { openMyTask, signIn, signOut } from "./helpers";

/**
 * 佐证材料: 商务局 attaches a photo to its report (a page dressed as a PDF is refused); 发改局 and
 * the public cannot fetch it by its address; once the office has marked it public and published
 * the report, the public can, from the portal's task page. A task no other spec files for.
 */
const TASK = "积极拓展内销市场,搭建传统产业展示平台,加速线上线下消费融合,办好“平湖货全国卖”系列活动。";
const PHOTO = "活动现场照片.png";
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

test("a unit attaches evidence; other units and the public cannot fetch it until it is published and marked public", async ({ page, request }) => {
  await signIn(page, "shangwu");
  await openMyTask(page, TASK);
  const taskId = /\/tasks\/(\d+)/.exec(page.url())![1];
  const uploader = page.getByRole("region", { name: "佐证材料" });
  await expect(uploader.getByText("请先保存草稿,再上传佐证材料。")).toBeVisible();
  await expect(uploader.getByText(/每个文件不超过 10 MB/)).toBeVisible();

  await page.getByLabel("完成情况").fill("成功举办“平湖货、全国卖”北京站活动,现场照片见佐证材料。");
  await page.getByRole("radio", { name: "推进中" }).check();
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: "草稿已保存。" })).toBeVisible();

  await uploader.getByLabel("选择文件上传(可多选)").setInputFiles([
    { name: PHOTO, mimeType: "image/png", buffer: png },
    { name: "活动方案.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script></html>") },
  ]);
  const own = uploader.getByRole("list", { name: "本单位报告的佐证材料" });
  await expect(own.getByRole("link", { name: PHOTO })).toBeVisible();
  await expect(uploader.getByRole("alert")).toHaveText(/文件“活动方案.pdf”的内容是无法识别的内容,不能作为佐证材料/);
  await expect(own.getByRole("link")).toHaveCount(1);
  const href = (await own.getByRole("link", { name: PHOTO }).getAttribute("href"))!;
  expect(href).toMatch(/^\/attachments\/\d+$/);

  // Its own unit fetches it: the stored type, as a download, never sniffed or cached.
  const mine = await page.request.get(href);
  expect(mine.status()).toBe(200);
  expect(mine.headers()["content-type"]).toBe("image/png");
  expect(mine.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(PHOTO)}`);
  expect(mine.headers()["x-content-type-options"]).toBe("nosniff");
  expect(mine.headers()["cache-control"]).toBe("private, no-store");
  expect(Buffer.from(await mine.body())).toEqual(png);

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByLabel("二季度 商务局的填报").getByText("已提交")).toBeVisible();
  // Submitted: the file is listed on the report and can no longer be removed.
  await expect(page.getByRole("list", { name: "二季度 商务局的佐证材料" }).getByRole("link", { name: PHOTO })).toBeVisible();
  await expect(page.getByRole("button", { name: `删除 ${PHOTO}` })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "fagai");
  expect((await page.request.get(href)).status()).toBe(404);
  await signOut(page);
  // The public (a client without any cookie).
  expect((await request.get(href)).status()).toBe(404);

  await signIn(page, "office");
  await page.goto("/review");
  const queued = page.getByRole("listitem", { name: /^商务局:积极拓展内销市场/ });
  await queued.getByRole("button", { name: `设为公开:${PHOTO}` }).click();
  await expect(queued.getByText("已设为公开")).toBeVisible();
  // Marked, but the report is not published yet.
  expect((await request.get(href)).status()).toBe(404);
  await queued.getByRole("button", { name: "审核通过" }).click();
  // Exactly 公开 (publish the report), not the attachment's 取消公开.
  const publish = page.getByRole("listitem", { name: /^商务局:积极拓展内销市场/ }).getByRole("button", { name: "公开", exact: true });
  await expect(publish).toBeVisible();
  await expect(queued.getByText("已设为公开")).toBeVisible();
  await publish.click();
  await expect(page.getByRole("listitem", { name: /^商务局:积极拓展内销市场/ })).toHaveCount(0);
  await signOut(page);

  const shared = await request.get(href);
  expect(shared.status()).toBe(200);
  expect(shared.headers()["cache-control"]).toBe("public, no-cache");
  expect(Buffer.from(await shared.body())).toEqual(png);
  await page.goto(`/public/tasks/${taskId}`);
  const listed = page.getByRole("list", { name: "二季度佐证材料" }).getByRole("link", { name: PHOTO });
  await expect(listed).toHaveAttribute("href", href);
});
