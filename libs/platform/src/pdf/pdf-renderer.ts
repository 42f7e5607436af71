import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { UnavailableError } from '../errors';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
export const DEFAULT_PDF_TIMEOUT_MS = 30_000;

/** How long closing a timed-out page may take before the whole browser is deemed wedged. */
const PAGE_KILL_GRACE_MS = 5_000;
const LAUNCH_TIMEOUT_MS = 30_000;
/** How often a render checks that its browser's process is still there. */
const CRASH_POLL_MS = 250;

/**
 * Flags for a headless, sandbox-less (containers run it as root), silent Chromium: no
 * background fetches, no component or sync traffic, /tmp instead of a small /dev/shm. The
 * resolver rule makes every host (IP literals included) unresolvable, so no socket can open:
 * `<link rel=preconnect>` connects without any request that routing or offline mode would see.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Footer on every page, centred: "3 / 12". Chromium fills in the two spans. */
const FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:8px;color:#555;text-align:center;' +
  "font-family:'Noto Sans','DejaVu Sans',sans-serif;\">" +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';
/** An empty header (Chromium's default prints the date and title). */
const HEADER_TEMPLATE = '<div></div>';

export interface PdfRenderOptions {
  /** Whole-job budget (browser launch included), in ms; defaults to the renderer's (30 s). */
  timeoutMs?: number;
  /** Document title, written to the PDF's metadata (replaces the HTML's `<title>`). */
  title?: string;
}

export interface PdfRendererOptions {
  /** Chromium binary; defaults to `CHROMIUM_PATH`, then `/usr/bin/chromium`. */
  executablePath?: string;
  /** Default per-render timeout in ms (30 s). */
  timeoutMs?: number;
}

/** Chromium is missing, not executable, or would not start. */
export class PdfRendererUnavailableError extends UnavailableError {
  constructor(message: string) {
    super(message, 30);
  }
}

/** A render ran past its timeout; its page was killed. */
export class PdfRenderTimeoutError extends UnavailableError {
  constructor(readonly timeoutMs: number) {
    super(`PDF rendering took longer than ${timeoutMs} ms and was abandoned.`, 5);
  }
}

/**
 * Turns HTML into an A4 PDF with headless Chromium (playwright-core, system `chromium`).
 *
 * One browser serves every job: launched lazily (concurrent first renders share one launch),
 * relaunched on the next render after it crashes or disconnects, closed at shutdown. Each job
 * gets a fresh context and page, closed afterwards, with JavaScript disabled and every network
 * request refused (only `data:` URLs load), so a dossier renders exactly the HTML it was given
 * and nothing it names can reach out. A render past its timeout has its context killed.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfRenderer.name);
  readonly executablePath: string;
  readonly defaultTimeoutMs: number;
  private browser: Browser | null = null;
  /** Chromium's own pid per browser (Playwright does not expose it for launched browsers). */
  private readonly pids = new WeakMap<Browser, number>();
  private launching: Promise<Browser> | null = null;
  private shutDown = false;

  constructor(options: PdfRendererOptions = {}) {
    this.executablePath =
      options.executablePath?.trim() || process.env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
    this.defaultTimeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  }

  /** Process id of the running browser, if one is up (diagnostics and tests). */
  get browserPid(): number | undefined {
    const browser = this.browser;
    return browser?.isConnected() ? this.pids.get(browser) : undefined;
  }

  async render(html: string, options: PdfRenderOptions = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
    }
    const job = { context: null as BrowserContext | null, abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        job.abandoned = true;
        this.kill(job.context);
        reject(new PdfRenderTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    // A browser that dies mid-render does not always close Playwright's pipe at once (its
    // children may hold it): its process is watched too, so the render fails now, not at the
    // timeout.
    let watch: NodeJS.Timeout | undefined;
    const died = new Promise<never>((_, reject) => {
      watch = setInterval(() => {
        const browser = job.context?.browser();
        const pid = browser ? this.pids.get(browser) : undefined;
        if (!browser || pid === undefined || processAlive(pid)) return;
        job.abandoned = true;
        this.forget(browser);
        reject(
          new PdfRendererUnavailableError(
            `Chromium stopped while rendering the PDF (its process ${pid} exited); ` +
              'the next attempt starts a new browser.',
          ),
        );
      }, CRASH_POLL_MS);
    });
    const work = this.renderInContext(html, options, timeoutMs, job);
    // The loser of the race must not surface as an unhandled rejection.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timeout, died]);
    } catch (error) {
      throw crashed(error, job.context);
    } finally {
      clearTimeout(timer);
      clearInterval(watch);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutDown = true;
    const browser = this.browser ?? (await this.launching?.catch(() => null)) ?? null;
    this.browser = null;
    if (browser) await browser.close().catch(() => undefined);
  }

  private async renderInContext(
    html: string,
    options: PdfRenderOptions,
    timeoutMs: number,
    job: { context: BrowserContext | null; abandoned: boolean },
  ): Promise<Buffer> {
    const context = await this.newContext();
    job.context = context;
    try {
      if (job.abandoned) throw new PdfRenderTimeoutError(timeoutMs);
      // Three layers, each tested: this route refuses requests; `offline` also stops those the
      // route never sees (`<link rel=prefetch>`); the resolver rule stops bare connections.
      await context.route('**/*', blockNetwork);
      const page = await context.newPage();
      page.setDefaultTimeout(timeoutMs);
      // setContent writes the document into about:blank: there is no navigation request to
      // let through, so the route above refuses everything the document itself asks for.
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      if (options.title !== undefined) {
        // Runs in Playwright's own evaluation, which javaScriptEnabled:false does not stop.
        await page.evaluate((title) => {
          (globalThis as unknown as { document: { title: string } }).document.title = title;
        }, options.title);
      }
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '18mm', right: '18mm', bottom: '18mm', left: '18mm' },
        displayHeaderFooter: true,
        headerTemplate: HEADER_TEMPLATE,
        footerTemplate: FOOTER_TEMPLATE,
        tagged: true,
        outline: true,
      });
      if (job.abandoned) throw new PdfRenderTimeoutError(timeoutMs);
      return pdf;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  /** A fresh, locked-down context; one retry on a new browser when the old one just died. */
  private async newContext(): Promise<BrowserContext> {
    for (let attempt = 1; ; attempt++) {
      const browser = await this.getBrowser();
      try {
        return await browser.newContext({
          javaScriptEnabled: false,
          offline: true,
          serviceWorkers: 'block',
          acceptDownloads: false,
        });
      } catch (error) {
        if (attempt >= 2 || browser.isConnected()) throw error;
        this.forget(browser);
      }
    }
  }

  private async getBrowser(): Promise<Browser> {
    if (this.shutDown) throw new PdfRendererUnavailableError('The PDF renderer has shut down.');
    const current = this.browser;
    if (current?.isConnected()) return current;
    if (current) this.forget(current);
    if (!this.launching) {
      this.launching = this.launch().finally(() => {
        this.launching = null;
      });
    }
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const path = this.executablePath;
    try {
      await access(path, fsConstants.X_OK);
    } catch {
      throw new PdfRendererUnavailableError(
        `Chromium was not found or is not executable at ${path}: install the Debian package ` +
          '"chromium" (apt-get install chromium) or set CHROMIUM_PATH to the browser binary.',
      );
    }
    let browser: Browser;
    try {
      // Loaded on first use: the api, which never renders a PDF, does not carry it (~70 MB).
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: path,
        headless: true,
        args: [...CHROMIUM_ARGS],
        timeout: LAUNCH_TIMEOUT_MS,
        // Nest owns the signals: Playwright's SIGINT handler would exit the process mid-shutdown.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PdfRendererUnavailableError(`Chromium at ${path} failed to start: ${reason}`);
    }
    if (this.shutDown) {
      await browser.close().catch(() => undefined);
      throw new PdfRendererUnavailableError('The PDF renderer has shut down.');
    }
    const pid = await browserProcessId(browser);
    if (pid !== undefined) this.pids.set(browser, pid);
    browser.on('disconnected', () => {
      if (this.browser === browser) {
        this.browser = null;
        if (!this.shutDown) this.logger.warn('Chromium disconnected; relaunching on next render');
      }
    });
    this.browser = browser;
    this.logger.log(`Chromium ${browser.version()} started`);
    return browser;
  }

  private forget(browser: Browser): void {
    if (this.browser === browser) this.browser = null;
    browser.close().catch(() => undefined);
  }

  /** Kills a timed-out job's context; if even that hangs, the browser is wedged: drop it. */
  private kill(context: BrowserContext | null): void {
    if (!context) return;
    const browser = context.browser();
    let grace: NodeJS.Timeout | undefined;
    const wedged = new Promise<'wedged'>((resolve) => {
      grace = setTimeout(() => resolve('wedged'), PAGE_KILL_GRACE_MS);
      grace.unref();
    });
    void Promise.race([context.close().then(() => 'closed' as const), wedged])
      .catch(() => 'closed' as const)
      .then((outcome) => {
        clearTimeout(grace);
        if (outcome === 'wedged' && browser) {
          this.logger.warn('A timed-out page would not close; restarting Chromium');
          const pid = this.pids.get(browser);
          this.forget(browser);
          if (pid !== undefined) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }
        }
      });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A render that failed because Chromium went away (crashed, killed) says so in one line,
 * instead of Playwright's message with the browser's whole log appended; the next render
 * launches a new browser, so the job's retry can succeed.
 */
function crashed(error: unknown, context: BrowserContext | null): unknown {
  if (error instanceof UnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const gone =
    /has been closed|browser closed|target closed/i.test(message) ||
    (context !== null && !context.browser()?.isConnected());
  if (!gone) return error;
  return new PdfRendererUnavailableError(
    `Chromium stopped while rendering the PDF (${message.split('\n')[0].slice(0, 200)}); ` +
      'the next attempt starts a new browser.',
  );
}

/** Every request a rendered document makes is refused, except inline `data:` resources. */
function blockNetwork(route: Route): Promise<void> {
  const url = route.request().url();
  return url.startsWith('data:') ? route.continue() : route.abort('blockedbyclient');
}

/** The browser process's pid, asked of Chromium itself over CDP; undefined if it will not say. */
async function browserProcessId(browser: Browser): Promise<number | undefined> {
  try {
    const session = await browser.newBrowserCDPSession();
    try {
      const info = (await session.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number }[];
      };
      return info.processInfo.find((p) => p.type === 'browser')?.id;
    } finally {
      await session.detach().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}
