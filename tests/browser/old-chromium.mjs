// A real Chromium 80 (80.0.3987.0, headless) for the browser tests, the engine of many office
// browsers (domestic browsers' "极速模式" on older Windows desktops).
//
// The npm package chrome-aws-lambda@2.1.1 carries that build brotli-compressed (bin/chromium.br);
// it is decompressed once into target/chromium80/ (the package's own `executablePath` only works on
// AWS Lambda) and driven with puppeteer-core@2.1.1, the DevTools client of Chromium 80's time
// (playwright-core is too new for it). The system's Debian Chromium libraries satisfy its
// dependencies. It runs single-process, without sandbox, zygote or GPU.
//
//   import { launchChromium80 } from "./old-chromium.mjs";
//   const browser = await launchChromium80();   // a puppeteer-core 2.1.1 Browser
//
// `chromium80Path()` returns the executable (extracting it if needed) or throws why it cannot.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cacheDir = path.join(repoRoot, "target", "chromium80");

export const chromium80Args = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--single-process",
  "--no-zygote",
  "--disable-dev-shm-usage",
  "--disable-setuid-sandbox",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-breakpad",
  "--disable-extensions",
  "--disable-translate",
  "--metrics-recording-only",
  "--mute-audio",
  "--hide-scrollbars",
  "--password-store=basic",
  "--use-mock-keychain",
];

/** The Chromium 80 executable, decompressed from chrome-aws-lambda on first use. */
export function chromium80Path() {
  const exe = path.join(cacheDir, "chromium");
  if (fs.existsSync(exe) && fs.statSync(exe).size > 50 << 20) {
    fs.chmodSync(exe, 0o755);
    return exe;
  }
  let packed;
  try {
    packed = path.join(path.dirname(require.resolve("chrome-aws-lambda/package.json")), "bin", "chromium.br");
  } catch {
    throw new Error("chrome-aws-lambda is not installed (npm ci)");
  }
  if (!fs.existsSync(packed)) throw new Error(`${packed} not found`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const binary = zlib.brotliDecompressSync(fs.readFileSync(packed));
  // Written beside, then renamed: a half-written file is never taken for the browser.
  const tmp = `${exe}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, binary, { mode: 0o755 });
  fs.renameSync(tmp, exe);
  return exe;
}

/** Launches headless Chromium 80 with puppeteer-core 2.1.1; returns its Browser. */
export async function launchChromium80({ args = [] } = {}) {
  const puppeteer = require("puppeteer-core");
  const executablePath = chromium80Path();
  const userDataDir = fs.mkdtempSync(path.join(cacheDir, "profile-"));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...chromium80Args, ...args],
    userDataDir,
    defaultViewport: { width: 1280, height: 800 },
    // The browser is ours to end: the test's `after` closes it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    dumpio: false,
    timeout: 30_000,
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  };
  return browser;
}
