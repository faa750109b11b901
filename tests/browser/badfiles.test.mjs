// Files that cannot be checked, dropped on a page that holds a text: each gets a message saying
// what it is and what to do, in Chinese and in English, and the text box keeps its text: an
// image, binary bytes, a zip without drafts, a Word 97–2003 .doc, a password-protected workbook,
// an encrypted and a damaged PDF. (A non-PDF named .pdf and a PDF without a text layer:
// pdf.test.mjs.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { appForThisFile, openPage, screenshot, waitChecked } from "./harness.mjs";
import { dropFiles, encryptedPdf, png, status, waitStatus } from "./drop.mjs";
import { ole, zip } from "./ooxml.mjs";

const app = appForThisFile();
const TEXT = "本单位2025年预算收入100万元。";

const binary = () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
const damagedPdf = () => Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nstream\x00\x01\x02 garbage", "latin1");

const CASES = [
  { name: "照片.png", bytes: png(), zh: /这是一张 PNG 图片.*拖入/, en: /This is a PNG image.*drop/ },
  { name: "数据.bin", bytes: binary(), zh: /这不是文本文件.*拖入/, en: /not a text file.*drop/ },
  { name: "公开文本.zip", bytes: zip({ "说明.txt": TEXT }), zh: /不是可读取的 Excel 或 Word 文件/, en: /\.xlsx/ },
  { name: "加密.pdf", bytes: encryptedPdf(), zh: /PDF 已加密/, en: /encrypted/i },
  { name: "说明.doc", bytes: ole(["WordDocument", "1Table"]), zh: /旧版 Word 97-2003 文档（\.doc）.*另存为 \.docx/, en: /\.docx/ },
  { name: "预算表.xlsx", bytes: ole(["EncryptionInfo", "EncryptedPackage"]), zh: /设有打开密码/, en: /password/ },
  { name: "损坏.pdf", bytes: damagedPdf(), zh: /PDF 文件已损坏或不完整/, en: /damaged|corrupt/i },
];

test("files that cannot be checked each say what they are and what to do; the text stays", { timeout: 120_000 }, async () => {
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await page.fill('[data-testid="input"]', TEXT);
    await waitChecked(page);
    for (const c of CASES) {
      await dropFiles(page, [c]);
      await waitStatus(page, new RegExp(`无法读取 ${c.name.replace(".", "\\.")}`));
      assert.match(await status(page), c.zh, c.name);
      assert.equal(await page.inputValue('[data-testid="input"]'), TEXT, `${c.name}: the text box keeps its text`);
      assert.match(await page.textContent("#source"), /本单位2025年预算收入100万元/, `${c.name}: the checked text stays shown`);
      await page.click('[data-testid="lang"]');
      assert.match(await status(page), c.en, c.name);
      if (c.name.endsWith(".png")) await screenshot(page, "bad-file-image");
      await page.click('[data-testid="lang"]');
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
