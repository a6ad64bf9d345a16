import type { CDPSession, Page } from 'playwright-core';

/** A network profile for Chromium's emulation: round-trip latency and throughput in kilobits/s. */
export interface NetworkProfile {
  latencyMs: number;
  downloadKbps: number;
  uploadKbps: number;
}

/** "Slow 3G" as the budget is stated: 400 kbit/s each way, 400 ms round trip. */
export const SLOW_3G: NetworkProfile = { latencyMs: 400, downloadKbps: 400, uploadKbps: 400 };

/** One finished (or failed) request as Chromium saw it on the wire. */
export interface WireRequest {
  url: string;
  type: string;
  status?: number;
  /** Bytes received for it, headers included, compressed as sent (Network.loadingFinished). */
  encodedBytes: number;
  failed?: string;
}

/**
 * Records what a page transfers, through the DevTools protocol: every request's URL and the bytes on
 * the wire (`encodedDataLength`, i.e. after compression, headers included). Optionally disables the
 * cache and emulates a slow network and a slower CPU before the first navigation.
 */
export class NetworkRecorder {
  private readonly byId = new Map<string, WireRequest>();
  /** Every URL the page asked for, in order, whatever became of the request. */
  readonly asked: string[] = [];

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(
    page: Page,
    opts: { disableCache?: boolean; network?: NetworkProfile; cpuSlowdown?: number } = {},
  ): Promise<NetworkRecorder> {
    const cdp = await page.context().newCDPSession(page);
    const rec = new NetworkRecorder(cdp);
    cdp.on('Network.requestWillBeSent', (e) => {
      rec.asked.push(e.request.url);
      rec.byId.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', encodedBytes: 0 });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = rec.byId.get(e.requestId);
      if (r) r.status = e.response.status;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = rec.byId.get(e.requestId);
      if (r) r.encodedBytes = e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = rec.byId.get(e.requestId);
      if (r) r.failed = e.errorText;
    });
    await cdp.send('Network.enable');
    if (opts.disableCache) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (opts.network) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: opts.network.latencyMs,
        downloadThroughput: (opts.network.downloadKbps * 1000) / 8,
        uploadThroughput: (opts.network.uploadKbps * 1000) / 8,
      });
    }
    if (opts.cpuSlowdown) await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.cpuSlowdown });
    return rec;
  }

  /** The requests seen so far. */
  requests(): WireRequest[] {
    return [...this.byId.values()];
  }

  /** Bytes received over the wire for every request so far. */
  totalBytes(): number {
    return this.requests().reduce((sum, r) => sum + r.encodedBytes, 0);
  }

  /** Origins other than `baseURL`'s that the page asked for (data: and blob: URLs are local). */
  foreignOrigins(baseURL: string): string[] {
    const own = new URL(baseURL).origin;
    const foreign = this.asked
      .filter((u) => /^https?:|^wss?:/.test(u))
      .map((u) => new URL(u).origin)
      .filter((o) => o !== own);
    return [...new Set(foreign)];
  }

  /** Forgets what was recorded (to measure the next view on its own). */
  reset(): void {
    this.byId.clear();
    this.asked.length = 0;
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}
